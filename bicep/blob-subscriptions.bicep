// The Event Grid subscriptions that deliver blob-created events of the datasets and scoring containers to the app's
// Event Grid-source blob triggers, through the blobs extension webhook. Deployed by hooks/subscribe-blob-events.sh
// after `azd deploy`, not by main.bicep: Event Grid validates the webhook when a subscription is made, and the
// webhook's blobs_extension key exists only once the deployed code has started. Deploying it again updates the
// subscriptions in place.
targetScope = 'resourceGroup'

param functionAppName string
param topicName string
param storageAccountName string
param datasetsContainerName string
param scoringContainerName string
param deadLetterContainerName string

// Must match the [Function] names of src/MlOps.Functions/Triggers/DatasetBlobTriggers.cs and ScoringBlobTriggers.cs.
var subscriptions = [
  {
    name: 'datasets-blob-created'
    container: datasetsContainerName
    functionName: 'DatasetUploadedEventGrid'
  }
  {
    name: 'scoring-blob-created'
    container: scoringContainerName
    functionName: 'ScoringUploadedEventGrid'
  }
]

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: topicName
}

resource blobCreated 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = [for subscription in subscriptions: {
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
    // Events still undelivered after the retries are kept, written with the topic's identity (see blob-events.bicep).
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}]

output subscriptionNames array = [for (subscription, i) in subscriptions: blobCreated[i].name]
