// The Flex Consumption function app. Identity-based connections everywhere: the host's storage
// (AzureWebJobsStorage__*), the app's own storage client (Storage__AccountUri + AZURE_CLIENT_ID for
// DefaultAzureCredential), the deployment package and Application Insights ingestion.
param planName string
param appName string
param location string
param tags object
param identityName string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string
param runtimeVersion string
param instanceMemoryMB int
param maximumInstanceCount int
param taskHubName string

@description('Cron (six fields, seconds first) for the drift and decay monitors; the local host reads the same setting.')
param monitorSchedule string = '0 0 * * * *'

@description('Cron (six fields) of the cost monitor: reconciles the ledger with Azure Monitor and Cost Management once a day.')
param costSchedule string = '0 0 6 * * *'

@description('Region whose Retail Prices list the app refreshes its price sheet from.')
param priceRegion string = location

// Must match the [Function] names of src/MlOps.Functions/Triggers/DatasetBlobTriggers.cs and ScoringBlobTriggers.cs.
var eventGridFunctionName = 'DatasetUploadedEventGrid'
var pollingFunctionName = 'DatasetUploadedPolling'
var scoringEventGridFunctionName = 'ScoringUploadedEventGrid'
var scoringPollingFunctionName = 'ScoringUploadedPolling'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, {
    'azd-service-name': 'functions'
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: {
      AzureWebJobsStorage__accountName: storage.name
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.properties.clientId
      Storage__AccountUri: storage.properties.primaryEndpoints.blob
      AZURE_CLIENT_ID: identity.properties.clientId
      TaskHubName: taskHubName
      MonitorSchedule: monitorSchedule
      // The cost monitor: what it asks Cost Management about (this resource group), whose metered execution it reads
      // from Azure Monitor (this app), and which resource's bill is the storage the ledger measured.
      CostSchedule: costSchedule
      CostMonitor__Scope: resourceGroup().id
      CostMonitor__FunctionAppResourceId: resourceId('Microsoft.Web/sites', appName)
      CostMonitor__StorageAccountResourceId: storage.id
      // The ledger prices time with the memory the instances really have, and refreshes its list prices for this region.
      Cost__PriceSheet__InstanceMemoryMb: string(instanceMemoryMB)
      Cost__PriceSheet__Region: priceRegion
      Cost__PriceRefresh__Enabled: 'true'
      // Flex Consumption has no polling blob trigger: uploads arrive through the Event Grid functions only.
      'AzureWebJobs.${pollingFunctionName}.Disabled': 'true'
      'AzureWebJobs.${scoringPollingFunctionName}.Disabled': 'true'
      APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
    }
  }
}

output name string = app.name
output apiUri string = 'https://${app.properties.defaultHostName}/api'
output eventGridFunctionName string = eventGridFunctionName
output scoringEventGridFunctionName string = scoringEventGridFunctionName
