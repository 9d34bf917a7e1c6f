/* The read-only operations of the services probes may call (generated from botocore by
 * src/build/gen_awsops.py), so the question-set loader can refuse an unknown operation. */
#ifndef WAR_EVIDENCE_AWSOPS_H
#define WAR_EVIDENCE_AWSOPS_H

/* Whether op ("DescribeVpcs") is a Describe*, List* or Get* operation of service ("ec2"). */
int awsops_known(const char *service, const char *op);

/* The service's read-only operation closest to op, for "did you mean"; static, or NULL. */
const char *awsops_near(const char *service, const char *op);

#endif
