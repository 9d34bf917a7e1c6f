/* Credentials kept out of every message: one masking of secret access keys, session
 * tokens, SigV4 signatures and credentials, applied where text from AWS or a credential
 * source enters the program (err_set) and again just before output (errors, the evidence
 * snapshot, reports). */
#ifndef WAR_UTIL_SECRET_H
#define WAR_UTIL_SECRET_H

#include <stddef.h>

/* Remembers the value of a live credential (a secret access key, a session token), so
 * secret_mask() masks it wherever it appears, whatever surrounds it. Values shorter than
 * 8 bytes are ignored; so are values already known. Thread-safe; the copy is kept until
 * secret_forget_all(). */
void secret_register(const char *value);

/* Forgets every registered value (tests; the end of the program). */
void secret_forget_all(void);

/* Masks, in place, with "****": every registered value; the value after a name that
 * carries a secret (X-Amz-Security-Token, SessionToken, SecretAccessKey,
 * aws_secret_access_key, Signature, Credential, AWS_CONTAINER_AUTHORIZATION_TOKEN ...,
 * separated by ':', '=' or '>', quotes allowed); and an access key ID's 16 characters after
 * AKIA or ASIA (AKIAXXXXXXXXXXXXXXXX). A registered value is masked with the whole word it
 * stands in. The text never grows. Returns how many were masked;
 * s may be NULL. */
size_t secret_mask(char *s);

/* A masked copy of s. Returns newly allocated text ("" for NULL); free with free(). */
char *secret_mask_dup(const char *s);

#endif
