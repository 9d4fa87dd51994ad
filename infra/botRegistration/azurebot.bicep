// The Azure Bot resource (the bot's registration with the Bot Framework service) and its Microsoft Teams channel.

@maxLength(64)
param botServiceName string

@maxLength(42)
param botDisplayName string

@description('Client id of the Entra app registration the bot authenticates as (BOT_ID).')
param botAadAppClientId string

param botTenantId string

@allowed([
  'SingleTenant'
  'MultiTenant'
])
param botAppType string

@description('Host name of the Web App; the messaging endpoint is https://<host>/api/messages.')
param botAppDomain string

@description('F0 is free and enough for Teams (a standard channel).')
param botServiceSku string = 'F0'

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botServiceName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: botAppType
    // A single-tenant bot names its tenant; a multi-tenant one must not.
    msaAppTenantId: botAppType == 'SingleTenant' ? botTenantId : ''
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

output botServiceId string = botService.id
