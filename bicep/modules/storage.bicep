// One account for data, artifacts, the durable task hub and the deployment package. Shared keys are off:
// every caller authenticates with Entra ID.
param name string
param location string
param tags object
param deploymentContainerName string

@description('Where Event Grid leaves blob events it could not deliver to the app.')
param deadLetterContainerName string = 'deadletter'

// The containers of the app's storage layout (StorageLayout); tables are created by the app on start (MlOpsStorage.EnsureCreatedAsync).
var dataContainers = [
  'datasets'
  'prepared'
  'models'
  'predictions'
  'feedback'
  'scoring'
  'scored'
  'reports'
]

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [
  for container in concat(dataContainers, [deploymentContainerName, deadLetterContainerName]): {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output datasetsContainerName string = dataContainers[0]
output scoringContainerName string = dataContainers[5]
output deploymentContainerName string = deploymentContainerName
output deadLetterContainerName string = deadLetterContainerName
