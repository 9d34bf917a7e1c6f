#include "model/checklist.h"

const struct checklist_item checklist_items[CHECKLIST_COUNT] = {
	{ "architecture_documented", "Architecture documented",
	  "Current diagrams of components, data flows and dependencies, including third parties." },
	{ "critical_functions", "Critical functions and their availability needs",
	  "Which user journeys matter most, and how much downtime and data loss each tolerates." },
	{ "incident_history", "Incident history",
	  "The last 12 months of incidents and post-incident reviews, with their causes." },
	{ "monitoring_config", "Monitoring configuration",
	  "Dashboards, alarms and on-call routing as configured today, not as intended." },
	{ "backup_dr_procedures", "Backup and disaster-recovery procedures",
	  "Backup schedules, restore runbooks, the last restore test and the DR strategy." },
	{ "service_quotas", "Service quotas",
	  "Current quotas and usage for the services the workload depends on, per Region." },
	{ "stakeholders_scheduled", "Stakeholders scheduled",
	  "Owner, engineers, operations and a business representative have accepted the session." },
	{ "time_booked", "Time booked",
	  "About two to four hours for the thirteen questions, or several shorter sessions." },
};

static bool is_map(const cJSON *c)
{
	return cJSON_IsObject(c);
}

bool checklist_done(const struct review *rv, size_t i)
{
	const cJSON *v;

	if (i >= CHECKLIST_COUNT || !is_map(rv->checklist))
		return false;
	v = cJSON_GetObjectItemCaseSensitive(rv->checklist, checklist_items[i].id);
	return cJSON_IsTrue(v);
}

/* Puts the known items first, in checklist order, so the file diffs the same whatever order
 * they were ticked in; keys this version does not know follow, as they were. */
static void reorder(cJSON *map)
{
	cJSON *rest = cJSON_CreateObject(), *item;

	if (!rest)
		return;
	while (map->child) {
		item = cJSON_DetachItemViaPointer(map, map->child);
		cJSON_AddItemToObject(rest, item->string, item);
	}
	for (size_t k = 0; k < CHECKLIST_COUNT; k++) {
		item = cJSON_DetachItemFromObjectCaseSensitive(rest, checklist_items[k].id);
		if (item)
			cJSON_AddItemToObject(map, checklist_items[k].id, item);
	}
	while (rest->child) {
		item = cJSON_DetachItemViaPointer(rest, rest->child);
		cJSON_AddItemToObject(map, item->string, item);
	}
	cJSON_Delete(rest);
}

int checklist_set(struct review *rv, size_t i, bool done)
{
	if (i >= CHECKLIST_COUNT)
		return -1;
	if (!rv->checklist)
		rv->checklist = cJSON_CreateObject();
	if (!is_map(rv->checklist))
		return -1;
	/* An unticked item is left out, so the section only ever says what is ready. */
	cJSON_DeleteItemFromObjectCaseSensitive(rv->checklist, checklist_items[i].id);
	if (done) {
		cJSON_AddItemToObject(rv->checklist, checklist_items[i].id, cJSON_CreateTrue());
		reorder(rv->checklist);
	}
	if (cJSON_GetArraySize(rv->checklist) == 0) {
		cJSON_Delete(rv->checklist);
		rv->checklist = NULL;
	}
	return 0;
}

size_t checklist_count_done(const struct review *rv)
{
	size_t n = 0;

	for (size_t i = 0; i < CHECKLIST_COUNT; i++)
		n += checklist_done(rv, i);
	return n;
}
