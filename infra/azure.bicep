// Azure resources for the STARK bot, deployed into one resource group by the Agents Toolkit (`arm/deploy` in
// m365agents.yml) or by hand (`az deployment group create`, README › Deploying).
//
//   App Service plan + Web App (Linux, Node 20)  the bot; its store on /home (persistent App Service storage)
//   Azure Bot + Microsoft Teams channel           the bot registration (botRegistration.bicep)
//   Key Vault (RBAC)                              BOT_PASSWORD, the link-signing key, the database password and URL
//   Log Analytics + Application Insights          logs, traces, metrics; alerts on what the runbook names
//   PostgreSQL Flexible Server + database         prepared for the PostgreSQL store (issue 13); the bot does not use
//                                                 it until STARK_DATABASE_URL is set after the backend exists
//
// Secrets arrive as @secure() parameters, go only into Key Vault, and reach the app as Key Vault references.

targetScope = 'resourceGroup'

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name (lower-case letters and digits), e.g. starkprod.')
param resourceBaseName string

@description('Azure region. Sweden Central keeps the data in Sweden.')
param location string = 'swedencentral'

@maxLength(42)
@description('The bot\'s display name in Azure.')
param botDisplayName string = 'STARK'

@description('Client (application) id of the bot\'s Entra app registration (BOT_ID).')
param botAadAppClientId string

@secure()
@description('A client secret of that app registration (BOT_PASSWORD). Stored in Key Vault only.')
param botAadAppClientSecret string

@description('Tenant of the app registration and of the roster (BOT_TENANT_ID).')
param botTenantId string = tenant().tenantId

@allowed([
  'SingleTenant'
  'MultiTenant'
])
@description('SingleTenant: one Microsoft 365 tenant. MultiTenant: several organisations\' tenants (issue 15).')
param botAppType string = 'SingleTenant'

@secure()
@description('Key that signs download links (STARK_LINK_SIGNING_KEY), at least 32 random bytes, base64url.')
param linkKey string

@description('App Service plan SKU. B1 is enough for one instance; P0v3 for more headroom.')
param webAppSku string = 'B1'

@description('Administrator login of the PostgreSQL server.')
param postgresAdminLogin string = 'starkadmin'

@secure()
@description('Administrator password of the PostgreSQL server. Stored in Key Vault only.')
param postgresAdminPassword string

@description('PostgreSQL compute size (Burstable B1ms is the smallest).')
param postgresSkuName string = 'Standard_B1ms'

@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@description('E-mail address that receives alerts; empty: alerts are recorded but nobody is mailed.')
param alertEmail string = ''

@description('Seconds the bot gets on SIGTERM to finish turns and drain its queue (App Service allows 30).')
param shutdownGraceSeconds int = 25

var names = {
  plan: '${resourceBaseName}-plan'
  web: resourceBaseName
  vault: '${resourceBaseName}-kv'
  logs: '${resourceBaseName}-logs'
  insights: '${resourceBaseName}-ai'
  postgres: '${resourceBaseName}-pg'
  bot: resourceBaseName
  alerts: '${resourceBaseName}-alerts'
}
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
// /home is the App Service storage that survives restarts and redeployments (the package itself is read-only).
var dataDir = '/home/data/stark'
var tags = {
  application: 'stark-bot'
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.logs
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 90
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'Node.JS'
    WorkspaceResourceId: logs.id
    // Local authentication stays on: the OpenTelemetry exporter sends with the connection string.
    DisableLocalAuth: false
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: names.vault
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'bot-password'
  properties: {
    value: botAadAppClientSecret
    contentType: 'Entra app client secret (BOT_PASSWORD)'
  }
}

resource linkKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'link-key'
  properties: {
    value: linkKey
    contentType: 'Download link signing key (STARK_LINK_SIGNING_KEY)'
  }
}

resource postgresPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'postgres-admin-password'
  properties: {
    value: postgresAdminPassword
  }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-url'
  properties: {
    value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${database.name}?sslmode=require'
    contentType: 'For STARK_DATABASE_URL once the PostgreSQL store exists'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: webAppSku
    // One instance: the embedded file store has one writer. More instances need the PostgreSQL store.
    capacity: 1
  }
  properties: {
    reserved: true
  }
}

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: names.web
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node --enable-source-maps dist/main.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Readiness: an instance whose store is not open (or that is shutting down) gets no traffic.
      healthCheckPath: '/readyz'
      appSettings: [
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'true' }
        { name: 'WEBSITE_SWAP_WARMUP_PING_PATH', value: '/readyz' }
        { name: 'WEBSITE_SWAP_WARMUP_PING_STATUSES', value: '200' }
        { name: 'NODE_ENV', value: 'production' }
        { name: 'BOT_ID', value: botAadAppClientId }
        { name: 'BOT_PASSWORD', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${botPasswordSecret.name})' }
        { name: 'BOT_TENANT_ID', value: botTenantId }
        { name: 'BOT_APP_TYPE', value: botAppType }
        { name: 'STARK_TENANT_ID', value: botTenantId }
        { name: 'STARK_LINK_SIGNING_KEY', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${linkKeySecret.name})' }
        { name: 'STARK_DATA_DIR', value: dataDir }
        { name: 'STARK_PUBLIC_URL', value: 'https://${names.web}.azurewebsites.net' }
        { name: 'STARK_SHUTDOWN_GRACE_SECONDS', value: string(shutdownGraceSeconds) }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
      ]
    }
  }
}

// The app reads its secrets through Key Vault references with its own identity; nobody else gets a role here.
resource webReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, web.id, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
    principalId: web.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource webLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: web
  properties: {
    workspaceId: logs.id
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: names.postgres
  location: location
  tags: tags
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: 14
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'stark'
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// Connections from Azure services only (the Web App's outbound addresses are Azure's); TLS is required by default.
resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

module bot './botRegistration/azurebot.bicep' = {
  name: 'azure-bot-registration'
  params: {
    botServiceName: names.bot
    botDisplayName: botDisplayName
    botAadAppClientId: botAadAppClientId
    botTenantId: botTenantId
    botAppType: botAppType
    botAppDomain: web.properties.defaultHostName
  }
}

module alerts './alerts.bicep' = {
  name: 'stark-alerts'
  params: {
    namePrefix: names.alerts
    location: location
    webAppId: web.id
    insightsId: insights.id
    alertEmail: alertEmail
  }
}

// Outputs are written to env/.env.<environment> by the Agents Toolkit (upper-case names are kept as they are).
output AZURE_APP_SERVICE_RESOURCE_ID string = web.id
output BOT_DOMAIN string = web.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${web.properties.defaultHostName}'
output KEY_VAULT_NAME string = vault.name
output APPLICATIONINSIGHTS_RESOURCE_ID string = insights.id
output POSTGRES_SERVER_FQDN string = postgres.properties.fullyQualifiedDomainName
output AZURE_BOT_RESOURCE_ID string = bot.outputs.botServiceId
