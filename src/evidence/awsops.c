/* Whether a probe's call is one wa-review can make: an operation in the service models built
 * into the binary (src/aws/models). Checking against the models the client uses means a
 * probe that validates can also run; reading their index (operations.txt, written by
 * src/build/gen_models.py beside them) rather than the models keeps start-up quick. */
#include "evidence/awsops.h"

#include <stdio.h>
#include <string.h>

#include "util/builtin.h"

static const char *index_text(void)
{
	const struct builtin_file *f = builtin_find("src/aws/models/operations.txt");
	return f ? f->data : "";
}

int awsops_known(const char *service, const char *op)
{
	const char *text = index_text();
	char line[256];
	size_t n;

	n = (size_t)snprintf(line, sizeof(line), "%s %s\n", service, op);
	if (n >= sizeof(line))
		return 0;
	/* A whole line: at the start of the text or right after a newline. */
	for (const char *p = strstr(text, line); p; p = strstr(p + 1, line))
		if (p == text || p[-1] == '\n')
			return 1;
	return 0;
}

const char *awsops_near(const char *service, const char *op)
{
	static char near[128];
	const char *text = index_text();
	size_t best = (size_t)-1, slen = strlen(service);

	near[0] = '\0';
	for (const char *l = text; *l;) {
		const char *end = strchr(l, '\n');
		size_t len = end ? (size_t)(end - l) : strlen(l);

		if (len > slen + 1 && !strncmp(l, service, slen) && l[slen] == ' ' &&
		    len - slen - 1 < sizeof(near)) {
			const char *name = l + slen + 1;
			size_t nlen = len - slen - 1, k = 0, d;

			/* Common prefix, then the length difference: enough to catch a typo. */
			while (k < nlen && op[k] && name[k] == op[k])
				k++;
			d = nlen + strlen(op) - 2 * k;
			if (d < best) {
				best = d;
				memcpy(near, name, nlen);
				near[nlen] = '\0';
			}
		}
		l += len + (end ? 1 : 0);
	}
	return near[0] ? near : NULL;
}
