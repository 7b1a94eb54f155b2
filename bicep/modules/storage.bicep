// One account for data, artifacts, the durable task hub and the deployment package. Shared keys are off:
// every caller authenticates with Entra ID.
param name string
param location string
param tags object
param deploymentContainerName string

@minValue(1)
@description('Days after its last write that a prediction log blob moves to the cool tier (block blobs; Azure does not tier append blobs).')
param predictionsCoolAfterDays int

@minValue(1)
@description('Days after its last write that a prediction log blob is deleted; keep it longer than the monitors\' window and the late labels\' delay.')
param predictionsDeleteAfterDays int

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
    // Encryption at rest (AES-256) with Microsoft-managed keys is always on; stated so the template says it.
    encryption: {
      keySource: 'Microsoft.Storage'
      services: {
        blob: {
          enabled: true
        }
        file: {
          enabled: true
        }
      }
    }
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

// The prediction log grows with every request and the monitors read only their window of it: older logs go to the
// cool tier, then away. The log is written as append blobs, which lifecycle rules can delete but not tier; block
// blobs under the prefix (exports, compactions) are tiered too.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'predictions-block-blobs'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${dataContainers[3]}/'
              ]
            }
            actions: {
              baseBlob: {
                tierToCool: {
                  daysAfterModificationGreaterThan: predictionsCoolAfterDays
                }
                delete: {
                  daysAfterModificationGreaterThan: predictionsDeleteAfterDays
                }
              }
            }
          }
        }
        {
          name: 'predictions-append-blobs'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'appendBlob'
              ]
              prefixMatch: [
                '${dataContainers[3]}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: predictionsDeleteAfterDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    containers
  ]
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output datasetsContainerName string = dataContainers[0]
output scoringContainerName string = dataContainers[5]
output deploymentContainerName string = deploymentContainerName
output deadLetterContainerName string = deadLetterContainerName
