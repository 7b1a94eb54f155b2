// The Flex Consumption function app. Identity-based connections everywhere, with the user-assigned identity named by
// its client id: the host's storage (AzureWebJobsStorage__*), the app's own storage client (Storage__*, the same
// credential/clientId names), the deployment package and Application Insights ingestion.
param planName string
param appName string
param location string
param tags object
param identityName string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string

@description('The Log Analytics workspace id (customerId) the serving-health monitor queries.')
param logAnalyticsWorkspaceId string
param runtimeVersion string
param instanceMemoryMB int
param maximumInstanceCount int
param taskHubName string

@description('Cron (six fields, seconds first) of the MonitorModels timer; the local host reads the same setting.')
param monitorSchedule string

@description('Cron of the cost monitor timer (MonitorCost), which reconciles the ledger with Azure Monitor and Cost Management; the local host reads the same setting.')
param costSchedule string

@description('Region whose Retail Prices list the app refreshes its price sheet from.')
param priceRegion string = location

@description('Comma-separated function names to switch off the Functions way, with AzureWebJobs.<name>.Disabled.')
param disabledFunctions string

@description('Client id of the Entra ID app registration whose app roles (reader, predictor, trainer, approver; see app-roles.json) callers sign in to; empty leaves App Service Authentication off.')
param authClientId string

@description('Roles of a function key (Auth:FunctionKeyRoles), comma-separated; empty gives a function key every role.')
param functionKeyRoles string

@description('Key Vault secret URI of the HMAC key for personal-data columns a spec hashes (Serving:PiiHashKey); empty: such columns are dropped from the prediction log.')
param piiHashKeySecretUri string

var authSettings = empty(functionKeyRoles) ? {} : { Auth__FunctionKeyRoles: functionKeyRoles }
var piiSettings = empty(piiHashKeySecretUri) ? {} : { Serving__PiiHashKey: '@Microsoft.KeyVault(SecretUri=${piiHashKeySecretUri})' }

var disabledFunctionNames = filter(map(split(disabledFunctions, ','), name => trim(name)), name => !empty(name))
var disabledFunctionSettings = toObject(disabledFunctionNames, name => 'AzureWebJobs.${name}.Disabled', name => 'true')

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
    // Key Vault references in app settings (Serving__PiiHashKey) resolve as the app's identity.
    keyVaultReferenceIdentity: identity.id
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
    properties: union(
      {
        AzureWebJobsStorage__accountName: storage.name
        AzureWebJobsStorage__credential: 'managedidentity'
        AzureWebJobsStorage__clientId: identity.properties.clientId
        Storage__AccountUri: storage.properties.primaryEndpoints.blob
        Storage__credential: 'managedidentity'
        Storage__clientId: identity.properties.clientId
        AZURE_CLIENT_ID: identity.properties.clientId
        TaskHubName: taskHubName
        MonitorSchedule: monitorSchedule
        CostSchedule: costSchedule
        // The cost monitor: what it asks Cost Management about (this resource group), whose metered execution it reads
        // from Azure Monitor (this app), and which resource's bill is the storage the ledger measured.
        CostMonitor__Scope: resourceGroup().id
        CostMonitor__FunctionAppResourceId: resourceId('Microsoft.Web/sites', appName)
        CostMonitor__StorageAccountResourceId: storage.id
        // The ledger prices time with the memory the instances really have, and refreshes its list prices for this region.
        Cost__PriceSheet__InstanceMemoryMb: string(instanceMemoryMB)
        Cost__PriceSheet__Region: priceRegion
        Cost__PriceRefresh__Enabled: 'true'
        // Serving health per model and version from every instance's exported telemetry (the Log Analytics query API).
        ServingHealth__WorkspaceId: logAnalyticsWorkspaceId
        APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
      },
      disabledFunctionSettings,
      authSettings,
      piiSettings
    )
  }

  // Entra ID sign-in beside function keys: anonymous requests still reach the app (machine callers of predict with a
  // function key), a request with a token reaches it with the token's principal and app roles in X-MS-CLIENT-PRINCIPAL.
  resource auth 'config' = if (!empty(authClientId)) {
    name: 'authsettingsV2'
    properties: {
      platform: {
        enabled: true
      }
      globalValidation: {
        requireAuthentication: false
        unauthenticatedClientAction: 'AllowAnonymous'
      }
      identityProviders: {
        azureActiveDirectory: {
          enabled: true
          registration: {
            clientId: authClientId
            openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
          }
          validation: {
            allowedAudiences: [
              'api://${authClientId}'
              authClientId
            ]
          }
        }
      }
      login: {
        tokenStore: {
          enabled: false
        }
      }
    }
  }
}

output name string = app.name
output apiUri string = 'https://${app.properties.defaultHostName}/api'
