/* A main() for a fuzz target without libFuzzer: feeds it each file named on the command
 * line, so saved crashes replay in the ordinary and the sanitizer builds. Exits 0 when every
 * input went through (a crash or a sanitizer report ends the process first), 2 when a file
 * cannot be read. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/err.h"
#include "util/fsio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		struct wa_err err;
		char *buf;
		size_t len;

		err_clear(&err);
		if (fsio_read_file(argv[i], &buf, &len, &err)) {
			fprintf(stderr, "replay: %s\n", err.msg);
			return 2;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
		free(buf);
	}
	return 0;
}
