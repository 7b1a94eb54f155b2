// Logs and telemetry; Application Insights accepts only Entra ID-authenticated ingestion.
param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object

@minValue(-1)
@description('Daily ingestion cap of the Log Analytics workspace in GB; -1 for none. Alerts are log queries: once the cap is reached they are silent until the next day.')
param dailyCapGb int = -1

@description('Email that receives MlOps alerts (drift, decay, retrain, failed runs, rejected data); empty for none.')
param alertEmail string = ''

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
    workspaceCapping: {
      dailyQuotaGb: dailyCapGb
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

resource alertReceivers 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: 'ag-${applicationInsightsName}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'mlops'
    enabled: true
    emailReceivers: [
      {
        name: 'mlops-alerts'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// The app logs every alert as the structured event MlOpsAlert (EventId 9000) beside its row in the Alerts table;
// this rule turns those log events into Azure Monitor alerts, one per model and kind every five minutes. Model and
// kind are parsed from the message, which reads the same whichever logging path (host forwarding or worker SDK) sent it.
resource mlopsAlertRule 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'mlops-alerts-${applicationInsightsName}'
  location: location
  tags: tags
  properties: {
    displayName: 'MlOps alerts (drift, decay, retrain, failed runs, rejected data)'
    description: 'Structured MlOpsAlert log events (EventId 9000) written by the MlOps.Functions app.'
    severity: 2
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: 'traces | where tostring(customDimensions.EventId) == "9000" or message startswith "Alert " | parse message with "Alert " kind " (" severity ") for " model ": " detail | where isnotempty(model) | summarize alerts = count() by model, kind'
          timeAggregation: 'Count'
          dimensions: [
            {
              name: 'model'
              operator: 'Include'
              values: [
                '*'
              ]
            }
            {
              name: 'kind'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: empty(alertEmail) ? [] : [
        alertReceivers.id
      ]
    }
  }
}

output workspaceId string = workspace.id
output workspaceCustomerId string = workspace.properties.customerId
output applicationInsightsName string = appInsights.name
