#!/bin/sh
# IAM Identity Center (SSO): the token cached by `aws sso login` (~/.aws/sso/cache/<sha1>.json)
# exchanged at a loopback emulation of the portal's GetRoleCredentials, for sso-session and
# legacy profiles; expired, missing and refused tokens say to run aws sso login.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/creds_lib.sh"

start_server sso sso --token "sso-bearer-token" --role ReadOnly --account 123456789012
export AWS_ENDPOINT_URL_SSO="http://127.0.0.1:$SRV_PORT"
cache="$HOME/.aws/sso/cache"
mkdir -p "$cache"
url="https://example.awsapps.com/start"
# The cache file names are botocore's: SHA-1 of the session name, or of the start URL.
session_file="$cache/$(printf '%s' corp | sha1sum | cut -d' ' -f1).json"
legacy_file="$cache/$(printf '%s' "$url" | sha1sum | cut -d' ' -f1).json"
later=$(date -u -d '+2 hours' +%Y-%m-%dT%H:%M:%SZ)
cat >"$HOME/.aws/config" <<CFG
[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = eu-west-1

[sso-session corp]
sso_start_url = $url
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile legacy]
sso_start_url = $url
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = ReadOnly

[profile other-role]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Admin
CFG

# No token cached yet.
run "$PROBE" --profile dev
expect_rc 1 "no token"
expect_err "SSO session corp: no cached token (~/.aws/sso/cache/" "no token"
expect_err "run aws sso login --sso-session corp" "no token"

printf '{"startUrl": "%s", "region": "us-east-1", "accessToken": "sso-bearer-token", "expiresAt": "%s"}' \
	"$url" "$later" >"$session_file"
run "$PROBE" --profile dev
expect_rc 0 "sso-session"
expect_out "source: SSO account 123456789012 role ReadOnly, profile dev" "sso-session"
expect_out "access_key: ASIASSO1" "sso-session"
expect_out "token: yes" "sso-session"
expect_hidden "sso-secret" "sso-session"
expect_hidden "sso-bearer-token" "sso-session"
expect_log "GET /federation/credentials?role_name=ReadOnly&account_id=123456789012 ok" "sso-session"
# The portal's expiration (milliseconds since the epoch) becomes the credentials' expiry.
expect_out "expires: $(date -u -d '+6 hours' +%Y-%m-%dT%H)" "sso expiry"

# --endpoint-url is for the service called, not for the SSO portal (as in the CLI).
run "$PROBE" --profile dev --endpoint-url http://127.0.0.1:1
expect_rc 0 "--endpoint-url not used for SSO"

# Legacy profile: the cache key is the start URL.
run "$PROBE" --profile legacy
expect_rc 1 "legacy without token"
expect_err "SSO start URL $url: no cached token" "legacy without token"
expect_err "run aws sso login --profile legacy" "legacy without token"
printf '{"startUrl": "%s", "region": "us-east-1", "accessToken": "sso-bearer-token", "expiresAt": "%s"}' \
	"$url" "$later" >"$legacy_file"
run "$PROBE" --profile legacy
expect_rc 0 "legacy"
expect_out "source: SSO account 123456789012 role ReadOnly, profile legacy" "legacy"

# A role the portal does not grant.
run "$PROBE" --profile other-role
expect_rc 1 "forbidden"
expect_err "SSO portal 127.0.0.1:$SRV_PORT, account 123456789012 role Admin answered HTTP 403 ForbiddenException" "forbidden"

# A token the portal no longer accepts, and one that expired.
printf '{"accessToken": "revoked-token", "expiresAt": "%s"}' "$later" >"$session_file"
run "$PROBE" --profile dev
expect_rc 1 "refused token"
expect_err "refused the cached token (HTTP 401 UnauthorizedException); run aws sso login --sso-session corp" "refused token"
expect_hidden "revoked-token" "refused token"
printf '{"accessToken": "sso-bearer-token", "expiresAt": "2021-01-01T00:00:00Z"}' >"$session_file"
run "$PROBE" --profile dev
expect_rc 1 "expired token"
expect_err "SSO session corp: the cached token expired at 2021-01-01T00:00:00Z; run aws sso login --sso-session corp" "expired token"

finish
