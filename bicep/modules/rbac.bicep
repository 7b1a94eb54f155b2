// Data-plane roles for the app's identity (shared keys are disabled, so these are its only way in), read roles
// at resource-group scope for the drift/cost monitors, and optional upload rights for a person.
param storageAccountName string
param applicationInsightsName string
param identityPrincipalId string
param userPrincipalId string
param userPrincipalType string

// Every role the app's identity holds, with the scope it holds it at. Ids are built-in role definitions; the
// deployment tests map each one to the code that needs it and fail on a role no code uses.
var appRoles = [
  {
    name: 'Storage Blob Data Owner'
    id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
    scope: 'storage'
  }
  {
    name: 'Storage Queue Data Contributor'
    id: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
    scope: 'storage'
  }
  {
    name: 'Storage Table Data Contributor'
    id: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
    scope: 'storage'
  }
  {
    name: 'Monitoring Metrics Publisher'
    id: '3913510d-42f4-4e42-8a64-420c390055eb'
    scope: 'applicationInsights'
  }
  {
    name: 'Monitoring Reader'
    id: '43d0d8ad-25c7-4714-9337-8ba259a9fe05'
    scope: 'resourceGroup'
  }
  {
    name: 'Cost Management Reader'
    id: '72fafb9e-0641-4937-9268-a91bfd8191a3'
    scope: 'resourceGroup'
  }
]

// A person's upload rights (optional): Storage Blob Data Contributor and Storage Table Data Contributor.
var userStorageRoles = empty(userPrincipalId) ? [] : [
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
]

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource appStorageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in filter(appRoles, r => r.scope == 'storage'): {
    name: guid(storage.id, identityPrincipalId, role.id)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.id)
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appTelemetryAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in filter(appRoles, r => r.scope == 'applicationInsights'): {
    name: guid(appInsights.id, identityPrincipalId, role.id)
    scope: appInsights
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.id)
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appMonitorAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in filter(appRoles, r => r.scope == 'resourceGroup'): {
    name: guid(resourceGroup().id, identityPrincipalId, role.id)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.id)
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource userStorageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in userStorageRoles: {
    name: guid(storage.id, userPrincipalId, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: userPrincipalId
      principalType: userPrincipalType
    }
  }
]
