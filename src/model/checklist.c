#include "model/checklist.h"

#include "model/review.h"

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

bool checklist_done(const struct review *rv, size_t i)
{
	return i < CHECKLIST_COUNT && rv->checklist.done[i];
}

int checklist_set(struct review *rv, size_t i, bool done)
{
	if (i >= CHECKLIST_COUNT)
		return -1;
	rv->checklist.done[i] = done;
	return 0;
}

size_t checklist_count_done(const struct review *rv)
{
	size_t n = 0;

	for (size_t i = 0; i < CHECKLIST_COUNT; i++)
		n += rv->checklist.done[i];
	return n;
}
