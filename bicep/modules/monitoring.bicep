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

@description('Share of a version\'s prediction requests failing on the service\'s side in 15 minutes that raises the error-rate alert.')
param servingErrorRateAlert string = '0.05'

@description('p99 latency of a version\'s prediction requests in 15 minutes, in milliseconds, that raises the latency alert.')
param servingP99AlertMs int = 1000

@description('Share of a model\'s columns drifted in a monitor window that raises the drift alert.')
param driftedShareAlert string = '0.5'

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

// The rules below query what the app exports to the workspace (the MlOps meter in AppMetrics, its predict spans in
// AppDependencies), by the same names and dimensions as the app's serving-health query; each fires per model (and
// version) over the last 15 minutes, or the last day for runs and drift, which the monitors report once per window.
var servingRules = [
  {
    name: 'serving-errors'
    displayName: 'MlOps serving error rate'
    description: 'A served version failed more than ${servingErrorRateAlert} of its prediction requests on the service\'s side (bad input and unknown models are the caller\'s).'
    query: 'AppMetrics | where Name == "mlops.predictions" | extend model = tostring(Properties.model), version = tostring(Properties.version), outcome = tostring(Properties.outcome) | summarize requests = sum(Sum), errors = sumif(Sum, outcome !in ("ok", "bad_request", "not_found")) by model, version | where requests >= 20 | extend error_rate = errors / requests'
    measure: 'error_rate'
    threshold: json(servingErrorRateAlert)
    window: 'PT15M'
    dimensions: [
      'model'
      'version'
    ]
  }
  {
    name: 'serving-latency'
    displayName: 'MlOps serving p99 latency'
    description: 'A served version\'s p99 prediction latency was over ${servingP99AlertMs} ms.'
    query: 'AppDependencies | where Name == "predict" | extend model = tostring(Properties.model), version = tostring(Properties.version) | summarize p99 = percentilew(DurationMs, ItemCount, 99) by model, version'
    measure: 'p99'
    threshold: servingP99AlertMs
    window: 'PT15M'
    dimensions: [
      'model'
      'version'
    ]
  }
  {
    name: 'drift'
    displayName: 'MlOps drift'
    description: 'A monitor window found more than ${driftedShareAlert} of a model\'s columns drifted.'
    query: 'AppMetrics | where Name == "mlops.drift.drifted_share" | extend model = tostring(Properties.model) | summarize drifted_share = max(Max) by model'
    measure: 'drifted_share'
    threshold: json(driftedShareAlert)
    window: 'P1D'
    dimensions: [
      'model'
    ]
  }
  {
    name: 'failed-runs'
    displayName: 'MlOps failed runs'
    description: 'A pipeline run of a model ended Failed.'
    query: 'AppMetrics | where Name == "mlops.runs.ended" and tostring(Properties.status) == "Failed" | extend model = tostring(Properties.model) | summarize failed = sum(Sum) by model'
    measure: 'failed'
    threshold: 0
    window: 'P1D'
    dimensions: [
      'model'
    ]
  }
]

resource servingAlertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in servingRules: {
    name: 'mlops-${rule.name}-${applicationInsightsName}'
    location: location
    tags: tags
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: 2
      enabled: true
      scopes: [
        workspace.id
      ]
      evaluationFrequency: rule.window == 'P1D' ? 'PT1H' : 'PT5M'
      windowSize: rule.window
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Maximum'
            metricMeasureColumn: rule.measure
            dimensions: [
              for dimension in rule.dimensions: {
                name: dimension
                operator: 'Include'
                values: [
                  '*'
                ]
              }
            ]
            operator: 'GreaterThan'
            threshold: rule.threshold
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
]

// Runs, stages, promotions, drift and decay, alerts, serving health and cost per day over the same workspace tables.
resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(workspace.id, 'mlops-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'MlOps: runs, drift, serving health and cost'
    category: 'workbook'
    sourceId: workspace.id
    serializedData: loadTextContent('../workbooks/mlops.workbook.json')
  }
}

output workspaceId string = workspace.id
output workspaceCustomerId string = workspace.properties.customerId
output applicationInsightsName string = appInsights.name
