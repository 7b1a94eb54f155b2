// The Event Grid system topic of the storage account, whose blob-created events reach the app's Event Grid-source
// blob triggers (the documented pattern for Flex Consumption). The subscriptions themselves are made by
// blob-subscriptions.bicep, which the azd postdeploy hook deploys once the app's blobs_extension key exists.
param topicName string
param location string
param tags object
param storageAccountName string
param deadLetterContainerName string

// Storage Blob Data Contributor: the topic writes undeliverable events to the dead-letter container with its own
// identity, since the account accepts no shared keys.
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource deadLetter 'containers' existing = {
      name: deadLetterContainerName
    }
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: topicName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource deadLetterAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::deadLetter.id, topic.id, storageBlobDataContributor)
  scope: storage::blobService::deadLetter
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output topicName string = topic.name
