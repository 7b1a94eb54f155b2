#!/usr/bin/env bash
# azd postdeploy hook: subscribes the app's Event Grid blob triggers to the storage account's blob-created events.
#
# Event Grid validates a webhook when a subscription is created, and the webhook's key (the host's blobs_extension
# system key) exists only once the deployed code has started. So this runs after every deploy: it wakes the app,
# waits for the key, then deploys blob-subscriptions.bicep, which creates the subscriptions or updates them in
# place (running it again changes nothing). Undeliverable events go to the dead-letter container.
#
# Reads the azd environment (outputs of main.bicep): AZURE_RESOURCE_GROUP, AZURE_FUNCTION_APP_NAME,
# EVENTGRID_SYSTEM_TOPIC_NAME, AZURE_STORAGE_ACCOUNT_NAME, DATASETS_CONTAINER_NAME, SCORING_CONTAINER_NAME,
# DEADLETTER_CONTAINER_NAME, and FUNCTIONS_API_URI (optional, to wake the app).
# MLOPS_HOOK_ATTEMPTS (default 30) and MLOPS_HOOK_DELAY_SECONDS (default 10) bound each wait.
set -euo pipefail

log() { printf 'subscribe-blob-events: %s\n' "$*" >&2; }

for name in AZURE_RESOURCE_GROUP AZURE_FUNCTION_APP_NAME EVENTGRID_SYSTEM_TOPIC_NAME AZURE_STORAGE_ACCOUNT_NAME \
  DATASETS_CONTAINER_NAME SCORING_CONTAINER_NAME DEADLETTER_CONTAINER_NAME; do
  if [ -z "${!name:-}" ]; then
    log "$name is not set: run this from azd (azd up / azd deploy) after main.bicep was provisioned."
    exit 2
  fi
done

attempts="${MLOPS_HOOK_ATTEMPTS:-30}"
delay="${MLOPS_HOOK_DELAY_SECONDS:-10}"
template="$(cd "$(dirname "$0")/.." && pwd)/blob-subscriptions.bicep"

# A request starts the app on Flex Consumption, and the host creates its system keys when it starts.
wake() {
  if [ -n "${FUNCTIONS_API_URI:-}" ] && command -v curl > /dev/null; then
    curl --silent --output /dev/null --max-time 30 "${FUNCTIONS_API_URI%/}/health" || true
  fi
}

key_exists() {
  local key
  key="$(az functionapp keys list --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
    --query "systemKeys.blobs_extension" --output tsv 2> /dev/null)" || return 1
  [ -n "$key" ] # the key itself is never printed
}

attempt=1
until key_exists; do
  if [ "$attempt" -ge "$attempts" ]; then
    log "the app's blobs_extension key did not appear after $attempts attempts; is the code deployed and starting? Run 'azd deploy' again."
    exit 1
  fi
  log "waiting for the app's blobs_extension key (attempt $attempt of $attempts)"
  wake
  sleep "$delay"
  attempt=$((attempt + 1))
done
log "the app's blobs_extension key exists"

attempt=1
until az deployment group create --resource-group "$AZURE_RESOURCE_GROUP" --name blob-subscriptions \
  --template-file "$template" \
  --parameters functionAppName="$AZURE_FUNCTION_APP_NAME" topicName="$EVENTGRID_SYSTEM_TOPIC_NAME" \
  storageAccountName="$AZURE_STORAGE_ACCOUNT_NAME" datasetsContainerName="$DATASETS_CONTAINER_NAME" \
  scoringContainerName="$SCORING_CONTAINER_NAME" deadLetterContainerName="$DEADLETTER_CONTAINER_NAME" \
  --output none; do
  # Event Grid's validation handshake fails while the app is still cold; a later attempt gets through.
  if [ "$attempt" -ge "$attempts" ]; then
    log "the Event Grid subscriptions could not be created after $attempts attempts."
    exit 1
  fi
  log "subscribing failed (attempt $attempt of $attempts); retrying"
  wake
  sleep "$delay"
  attempt=$((attempt + 1))
done
log "uploads to $DATASETS_CONTAINER_NAME/ and $SCORING_CONTAINER_NAME/ now reach the app; undeliverable events go to $DEADLETTER_CONTAINER_NAME/"
