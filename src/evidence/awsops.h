/* The operations probes may call: those in the service models built into the binary, so the
 * question-set loader can refuse a call the client could not make. */
#ifndef WAR_EVIDENCE_AWSOPS_H
#define WAR_EVIDENCE_AWSOPS_H

/* Whether op ("DescribeVpcs") is an operation of service ("ec2") in the built-in models. */
int awsops_known(const char *service, const char *op);

/* The service's modelled operation closest to op, for "did you mean" (static, overwritten
 * by the next call), or NULL. */
const char *awsops_near(const char *service, const char *op);

#endif
