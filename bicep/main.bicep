// MlOps.Functions on Azure: a Flex Consumption function app, its storage (datasets, models, durable task hub),
// a user-assigned identity with data-plane roles, monitoring, and the Event Grid topic for the blob triggers (whose
// subscriptions hooks/subscribe-blob-events.sh makes once the code is deployed).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; seeds the unique suffix of every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource.')
param location string

@description('Resource group to create; defaults to rg-<environmentName>.')
param resourceGroupName string = ''

@description('Email that receives MlOps alerts through an Azure Monitor action group (optional).')
param alertEmail string = ''

@description('Object id of a person or group allowed to upload datasets and read results (optional).')
param principalId string = ''

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
@description('Kind of principalId.')
param principalType string = 'User'

@description('dotnet-isolated version of the Flex Consumption runtime stack.')
param functionsRuntimeVersion string = '10.0'

@allowed([
  512
  2048
  4096
])
@description('Memory of each Flex Consumption instance; training runs in the activities, so more than the 512 MB minimum.')
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('Upper bound of Flex Consumption scale-out.')
param maximumInstanceCount int = 40

@description('Durable task hub name shared by the orchestrations of this app.')
param taskHubName string = 'mlops'

@description('Six-field cron (seconds first) of the drift and decay monitors, the MonitorModels timer.')
param monitorSchedule string = '0 0 * * * *'

@description('Client id of the Entra ID app registration callers sign in to (app roles in bicep/app-roles.json); empty leaves App Service Authentication off.')
param authClientId string = ''

@description('Roles a function key carries, comma-separated (e.g. reader,predictor for machine callers of predict); empty: every role.')
param functionKeyRoles string = ''

@description('Key Vault secret URI of the HMAC key for personal-data columns a spec hashes; empty: hashed columns are dropped from the prediction log.')
param piiHashKeySecretUri string = ''

@description('Functions to switch off, comma-separated (a timer such as MonitorModels): each gets the app setting AzureWebJobs.<name>.Disabled=true.')
param disabledFunctions string = ''

@minValue(0)
@description('Monthly cost budget of the resource group in the billing currency; 0 for none. Mails alertEmail (and the owners) at 80 % and 100 % actual and 100 % forecast.')
param monthlyBudget int = 0

@description('First month of the budget (yyyy-MM-01); the current month by default.')
param budgetStartDate string = utcNow('yyyy-MM-01')

@minValue(1)
@description('Days before a prediction log blob moves to the cool tier.')
param predictionsCoolAfterDays int = 7

@minValue(1)
@description('Days before a prediction log blob is deleted: longer than the monitors\' window and the late labels\' delay.')
param predictionsDeleteAfterDays int = 90

@minValue(-1)
@description('Daily ingestion cap of the Log Analytics workspace in GB; -1 for none.')
param logAnalyticsDailyCapGb int = -1

@description('Six-field cron of the cost monitor timer (MonitorCost); daily after Cost Management has refreshed the previous day, which it reports.')
param costSchedule string = '0 0 6 * * *'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package-${resourceToken}'
    predictionsCoolAfterDays: predictionsCoolAfterDays
    predictionsDeleteAfterDays: predictionsDeleteAfterDays
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    alertEmail: alertEmail
    dailyCapGb: logAnalyticsDailyCapGb
  }
}

module budget 'modules/budget.bicep' = if (monthlyBudget > 0) {
  name: 'budget'
  scope: rg
  params: {
    name: 'budget-${resourceToken}'
    amount: monthlyBudget
    contactEmails: empty(alertEmail) ? [] : [
      alertEmail
    ]
    startDate: budgetStartDate
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module functions 'modules/functionapp.bicep' = {
  name: 'functions'
  scope: rg
  params: {
    planName: 'plan-${resourceToken}'
    appName: 'func-${resourceToken}'
    location: location
    tags: tags
    identityName: identity.outputs.name
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceCustomerId
    runtimeVersion: functionsRuntimeVersion
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    taskHubName: taskHubName
    monitorSchedule: monitorSchedule
    costSchedule: costSchedule
    disabledFunctions: disabledFunctions
    authClientId: authClientId
    functionKeyRoles: functionKeyRoles
    piiHashKeySecretUri: piiHashKeySecretUri
  }
  // The host needs its storage, telemetry and identity roles from its first start.
  dependsOn: [
    rbac
  ]
}

module blobEvents 'modules/blob-events.bicep' = {
  name: 'blob-events'
  scope: rg
  params: {
    topicName: 'evgt-${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    deadLetterContainerName: storage.outputs.deadLetterContainerName
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output FUNCTIONS_API_URI string = functions.outputs.apiUri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output EVENTGRID_SYSTEM_TOPIC_NAME string = blobEvents.outputs.topicName
// Read by hooks/subscribe-blob-events.sh, which deploys blob-subscriptions.bicep with them.
output DATASETS_CONTAINER_NAME string = storage.outputs.datasetsContainerName
output SCORING_CONTAINER_NAME string = storage.outputs.scoringContainerName
output DEADLETTER_CONTAINER_NAME string = storage.outputs.deadLetterContainerName
