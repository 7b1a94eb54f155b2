// Blob-created events of the datasets and scoring containers, each delivered to its Event Grid-source blob trigger
// through the blobs extension webhook (the documented pattern for Flex Consumption).
param topicName string
param location string
param tags object
param storageAccountName string
param functionAppName string
@description('One subscription per watched container: { name, container, functionName }.')
param subscriptions array

@description('Create the subscription; only once the app code is deployed (see main.bicep).')
param subscribe bool

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: topicName
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource blobCreated 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = [for subscription in subscriptions: if (subscribe) {
  parent: topic
  name: subscription.name
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${subscription.functionName}&code=${listKeys('${app.id}/host/default', app.apiVersion).systemKeys.blobs_extension}'
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${subscription.container}/'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}]

output topicName string = topic.name
