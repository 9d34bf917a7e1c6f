/* wa-review lens export|import|check: a question set as a custom lens of the AWS
 * Well-Architected Tool and back (src/store/lens_*.c does the work). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "store/lens.h"
#include "store/qset_load.h"
#include "util/err.h"
#include "util/fsio.h"
#include "util/json.h"
#include "util/xalloc.h"

static const char help[] =
        "usage: wa-review lens export [DIR] [-o FILE]\n"
        "       wa-review lens import LENS.json -o DIR [--force]\n"
        "       wa-review lens check LENS.json\n"
        "\n"
        "Custom lenses of the AWS Well-Architected Tool (JSON, schemaVersion 2021-11-01).\n"
        "\n"
        "  export  writes the question set in DIR (default: --questions DIR, else the\n"
        "          built-in set) as a custom lens, to FILE or standard output, after\n"
        "          checking it against the Tool's limits\n"
        "  import  turns a custom lens into a question set in DIR (created if needed),\n"
        "          checked as `wa-review validate` checks one; what the set cannot hold\n"
        "          is named on standard error\n"
        "  check   checks a custom lens against the Tool's format and limits\n"
        "\n"
        "Options:\n"
        "  -o, --output PATH  export: the lens file (default: standard output);\n"
        "                     import: the directory for the set\n"
        "  --force            import: replace a question set already in DIR\n"
        "  -h, --help         show this help\n"
        "\n"
        "wa-review-questions(5), CUSTOM LENSES, gives the mapping and the limits.\n"
        "Exit status: 0 done, 2 bad input (one line naming the file and the JSON path).\n";

/* Reads and parses a lens file. Returns the tree (cJSON_Delete()), or NULL after printing
 * the error. */
static cJSON *read_lens(const char *file)
{
	struct wa_err err;
	char *text = NULL;
	size_t len = 0;
	cJSON *lens = NULL;

	err_clear(&err);
	if (!fsio_read_file(file, &text, &len, &err)) {
		if (len > LENS_JSON_MAX)
			err_set(&err, file, 0, 0, "%zu bytes, the Tool allows a lens of %d", len,
			        LENS_JSON_MAX);
		else
			lens = json_parse(text, len, file, &err);
	}
	free(text);
	if (!lens)
		err_print(&err);
	return lens;
}

static int do_export(const struct cli *c, const char *dir, const char *out)
{
	struct cli local = *c;
	struct wa_err err;
	struct qset *qs;
	char *text;
	int rc = EXIT_OK;

	if (dir)
		local.questions_dir = dir;
	qs = cli_load_qset(&local);
	if (!qs)
		return EXIT_BAD;
	err_clear(&err);
	text = lens_export_text(qs, out ? out : "(standard output)", &err);
	qset_free(qs);
	if (!text) {
		err_print(&err);
		return EXIT_BAD;
	}
	if (!out)
		fputs(text, stdout);
	else if (fsio_write_atomic(out, text, strlen(text), 0644, &err)) {
		err_print(&err);
		rc = EXIT_BAD;
	}
	free(text);
	return rc;
}

struct mem_set {
	const char *dir;
	const struct lens_file *files;
	size_t n;
	char label[1024];
};

/* Serves the files an import made, so they are loaded as they will be read from DIR. */
static int mem_source(void *ctx, const char *name, char **text, size_t *len, const char **label,
                      struct wa_err *err)
{
	struct mem_set *m = ctx;

	snprintf(m->label, sizeof(m->label), "%s/%s", m->dir, name);
	*label = m->label;
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->files[i].name, name)) {
			*text = xstrndup(m->files[i].text, m->files[i].len);
			*len = m->files[i].len;
			return 0;
		}
	return err_set(err, m->label, 0, 0, "not written by the import");
}

static int write_set(const char *dir, const struct lens_file *files, size_t n, int force)
{
	struct wa_err err;
	struct stat st;
	char *manifest = xasprintf("%s/set.yaml", dir);
	int exists = stat(manifest, &st) == 0;

	free(manifest);
	if (exists && !force) {
		err_say("wa-review: %s: already holds a question set (set.yaml); give another "
		        "directory, or --force to replace it\n",
		        dir);
		return EXIT_BAD;
	}
	if (mkdir(dir, 0755) && errno != EEXIST) {
		err_say("wa-review: %s: cannot create the directory: %s\n", dir, strerror(errno));
		return EXIT_BAD;
	}
	err_clear(&err);
	/* Area files first, the manifest last: a set.yaml only ever names files written. */
	for (size_t i = n; i-- > 0;) {
		char *path = xasprintf("%s/%s", dir, files[i].name);
		int rc = fsio_write_atomic(path, files[i].text, files[i].len, 0644, &err);
		free(path);
		if (rc) {
			err_print(&err);
			return EXIT_BAD;
		}
	}
	return EXIT_OK;
}

static int do_import(const char *file, const char *dir, int force)
{
	struct lens_notes notes = { 0 };
	struct lens_file *files = NULL;
	struct qset *qs = NULL, *check = NULL;
	struct wa_err err;
	size_t n = 0, bps;
	cJSON *lens = read_lens(file);
	int rc = EXIT_BAD;

	if (!lens)
		return EXIT_BAD;
	err_clear(&err);
	if (!lens_import(lens, file, &qs, &notes, &err) && !lens_yaml(qs, &files, &n, &err)) {
		struct mem_set m = { dir, files, n, "" };
		/* The same loader as `validate`: what is written must load. */
		if (!qset_load(mem_source, &m, &check, &err)) {
			rc = write_set(dir, files, n, force);
		} else {
			char why[2048];
			err_format(&err, why, sizeof(why));
			err_set(&err, file, 0, 0, "the set made from it does not load: %s", why);
		}
	}
	if (err_isset(&err))
		err_print(&err);
	for (size_t i = 0; i < notes.n; i++)
		err_say("wa-review: note: %s\n", notes.msgs[i]);
	if (rc == EXIT_OK) {
		bps = qset_count_bps(check);
		printf("imported %s: %zu questions, %zu best practices in %zu areas, into %s\n",
		       check->name, check->n_questions, bps, check->n_areas, dir);
	}
	lens_notes_free(&notes);
	lens_files_free(files, n);
	qset_free(qs);
	qset_free(check);
	cJSON_Delete(lens);
	return rc;
}

static int do_check(const char *file)
{
	struct wa_err err;
	cJSON *lens = read_lens(file);
	int rc;

	if (!lens)
		return EXIT_BAD;
	err_clear(&err);
	rc = lens_check(lens, file, &err);
	if (rc)
		err_print(&err);
	else
		printf("ok: %s is a custom lens the Tool accepts (schemaVersion %s)\n", file,
		       LENS_SCHEMA_VERSION);
	cJSON_Delete(lens);
	return rc ? EXIT_BAD : EXIT_OK;
}

int cmd_lens(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *verb;
	int force = 0, ch, nargs;

	while ((ch = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'o': out = optarg; break;
		case 'f': force = 1; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default: return cli_usage_error(c, "lens", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error(c, "lens", "give export, import or check");
	verb = argv[optind++];
	nargs = argc - optind;
	if (!strcmp(verb, "export")) {
		if (nargs > 1)
			return cli_usage_error(c, "lens", "export takes at most one directory");
		if (force)
			return cli_usage_error(c, "lens", "--force goes with import");
		return do_export(c, nargs ? argv[optind] : NULL,
		                 out && strcmp(out, "-") ? out : NULL);
	}
	if (!strcmp(verb, "import")) {
		if (nargs != 1)
			return cli_usage_error(c, "lens", "import takes one lens file");
		if (!out)
			return cli_usage_error(c, "lens",
			                       "import needs -o DIR for the question set");
		return do_import(argv[optind], out, force);
	}
	if (!strcmp(verb, "check")) {
		if (nargs != 1)
			return cli_usage_error(c, "lens", "check takes one lens file");
		if (out || force)
			return cli_usage_error(c, "lens", "check takes no -o or --force");
		return do_check(argv[optind]);
	}
	return cli_usage_error(c, "lens", "unknown action '%s': give export, import or check",
	                       verb);
}
