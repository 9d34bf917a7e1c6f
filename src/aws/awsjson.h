/* JSON printed the way the aws CLI prints it with --output json (Python's json.dump with
 * indent=4 and ensure_ascii=False), so our output diffs cleanly against the CLI's. */
#ifndef WAR_AWS_AWSJSON_H
#define WAR_AWS_AWSJSON_H

#include <cjson/cJSON.h>

/* Returns v as the aws CLI prints it, with a final newline; numbers that carry their exact
 * text in valuestring (see proto.h) print as that text. Newly allocated; free with free(). */
char *awsjson_print(const cJSON *v);

#endif
