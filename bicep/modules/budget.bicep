// A monthly cost budget on the resource group. Azure evaluates budgets about once a day, far too late to stop a
// training sweep, so the app enforces its own per-run and per-model budgets; this one is the backstop for everything
// in the group (the app, storage, logs) and mails when actual or forecast spend crosses its thresholds.
param name string

@description('Monthly limit in the billing currency (main.bicep deploys the budget only when it is above 0).')
param amount int

@description('Who is mailed; the group\'s owners are notified too.')
param contactEmails array

@description('First day of the first budgeted month (yyyy-MM-dd, the first of a month).')
param startDate string

resource budget 'Microsoft.Consumption/budgets@2023-11-01' = {
  name: name
  properties: {
    category: 'Cost'
    amount: amount
    timeGrain: 'Monthly'
    timePeriod: {
      startDate: startDate
    }
    notifications: {
      actual80: {
        enabled: true
        operator: 'GreaterThanOrEqualTo'
        threshold: 80
        thresholdType: 'Actual'
        contactEmails: contactEmails
        contactRoles: [
          'Owner'
        ]
      }
      actual100: {
        enabled: true
        operator: 'GreaterThanOrEqualTo'
        threshold: 100
        thresholdType: 'Actual'
        contactEmails: contactEmails
        contactRoles: [
          'Owner'
        ]
      }
      forecast100: {
        enabled: true
        operator: 'GreaterThan'
        threshold: 100
        thresholdType: 'Forecasted'
        contactEmails: contactEmails
        contactRoles: [
          'Owner'
        ]
      }
    }
  }
}

output id string = budget.id
