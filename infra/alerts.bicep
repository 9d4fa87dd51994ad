// Alerts the runbook (README › Deploying › Runbook) explains: what each means and what to do.

param namePrefix string
param location string
param webAppId string
param insightsId string

@description('Who is mailed; empty: alerts fire in the portal only.')
param alertEmail string = ''

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${namePrefix}-ag'
  location: 'global'
  properties: {
    groupShortName: 'starkops'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var actions = empty(alertEmail) ? [] : [
  {
    actionGroupId: actionGroup.id
  }
]

// The platform's view: /readyz failing (store not open, queue stopped) or the app not answering.
resource unhealthy 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-unhealthy'
  location: 'global'
  properties: {
    description: 'Readiness probe failing: the bot is down, its store is not open or it is stuck shutting down.'
    severity: 1
    enabled: true
    scopes: [
      webAppId
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'health'
          criterionType: 'StaticThresholdCriterion'
          metricName: 'HealthCheckStatus'
          operator: 'LessThan'
          threshold: 100
          timeAggregation: 'Average'
        }
      ]
    }
    actions: actions
  }
}

resource serverErrors 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-http-5xx'
  location: 'global'
  properties: {
    description: 'The bot answers Teams with server errors (5xx): turns fail, usually a store write failing (disk).'
    severity: 2
    enabled: true
    scopes: [
      webAppId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'http5xx'
          criterionType: 'StaticThresholdCriterion'
          metricName: 'Http5xx'
          operator: 'GreaterThan'
          threshold: 5
          timeAggregation: 'Total'
        }
      ]
    }
    actions: actions
  }
}

// The bot's own metrics (OpenTelemetry → Application Insights customMetrics).
var logAlerts = [
  {
    name: 'outbound-failed'
    severity: 2
    description: 'Proactive messages were given up (blocked, conversation gone, rejected or retries exhausted): someone did not get an invitation or reminder.'
    query: 'customMetrics | where name == "stark.outbound.failed" | summarize value = sum(valueSum)'
    threshold: 0
    frequency: 'PT15M'
    window: 'PT1H'
  }
  {
    name: 'outbound-throttled'
    severity: 3
    description: 'Teams throttled proactive sends (429) more than usual: the pacing is too close to the limits or another app shares the tenant quota.'
    query: 'customMetrics | where name == "stark.outbound.throttled" | summarize value = sum(valueSum)'
    threshold: 20
    frequency: 'PT15M'
    window: 'PT15M'
  }
  {
    name: 'turn-latency'
    severity: 3
    description: 'Turns take more than 2 s on average: Teams shows the user a spinner; usually store commits are slow.'
    query: 'customMetrics | where name == "stark.turn.duration" | summarize value = sum(valueSum) / sum(valueCount)'
    threshold: 2000
    frequency: 'PT5M'
    window: 'PT15M'
  }
  {
    name: 'job-failures'
    severity: 2
    description: 'A background job (reminders, queued deliveries) failed: reminders may be late until it runs again.'
    query: 'customMetrics | where name == "stark.job.runs" and tostring(customDimensions["stark.outcome"]) == "error" | summarize value = sum(valueSum)'
    threshold: 0
    frequency: 'PT15M'
    window: 'PT1H'
  }
]

resource metricQueries 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [for alert in logAlerts: {
  name: '${namePrefix}-${alert.name}'
  location: location
  properties: {
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [
      insightsId
    ]
    evaluationFrequency: alert.frequency
    windowSize: alert.window
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Total'
          metricMeasureColumn: 'value'
          operator: 'GreaterThan'
          threshold: alert.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: empty(alertEmail) ? [] : [
        actionGroup.id
      ]
    }
  }
}]
