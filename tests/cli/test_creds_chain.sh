#!/bin/sh
# The chain as a whole: with nothing set up, one line naming every source tried and why each
# gave nothing, in the SDKs' order; and which source wins when several are set up.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/creds_lib.sh"

run "$PROBE"
expect_rc 1 "nothing"
expect_err_lines 1 "nothing: one line"
expect_err "creds_probe: no AWS credentials: environment (AWS_ACCESS_KEY_ID not set); assume role (no role_arn in profile default); web identity (AWS_WEB_IDENTITY_TOKEN_FILE not set, no web_identity_token_file in profile default); SSO (no sso_account_id or sso_role_name in profile default); shared credentials file ~/.aws/credentials (not found); credential_process (none in profile default); config file ~/.aws/config (not found); container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI not set); IMDSv2 (disabled by AWS_EC2_METADATA_DISABLED)" "nothing"

# One profile set up three ways: the credentials file beats credential_process, which
# beats the config file's keys (botocore's order).
cat >"$T_DIR/helper" <<'SH'
#!/bin/sh
echo '{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "p"}'
SH
chmod +x "$T_DIR/helper"
printf '[profile x]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = c\ncredential_process = %s\n' \
	"$T_DIR/helper" >"$HOME/.aws/config"
run "$PROBE" --profile x
expect_out "access_key: AKIDPROCESS" "process before config keys"
printf '[x]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = k\n' >"$HOME/.aws/credentials"
run "$PROBE" --profile x
expect_out "access_key: AKIDCREDS" "credentials file first"

finish
