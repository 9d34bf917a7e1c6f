#!/usr/bin/env python3
"""Writes the trimmed AWS service models wa-review compiles in (src/aws/models/*.json).

The models come from botocore's data (Apache License 2.0, Copyright Amazon.com, Inc. or its
affiliates; see src/aws/models/README.md). Only the operations listed in SERVICES are kept,
with the shapes they reach and their paginators; documentation, validation limits, enums,
examples and everything else the wire protocols do not need are dropped.

Run with a Python whose botocore is current (the image's pyenv python3 has 1.43):
    python3 src/build/gen_models.py [OUTDIR]
The output is committed: building wa-review does not need botocore.
"""
import json
import os
import sys

import botocore
import botocore.session
from botocore import xform_name

# The one place to add a service or an operation: CLI service name -> API operation names.
SERVICES = {
    'sts': ['GetCallerIdentity', 'AssumeRole', 'AssumeRoleWithWebIdentity'],
    # the accounts of an OU (evidence --org-unit)
    'organizations': ['ListAccountsForParent'],
    'ec2': ['DescribeVpcs', 'DescribeSubnets', 'DescribeInstances', 'DescribeNatGateways',
            'DescribeRouteTables', 'DescribeSnapshots', 'DescribeRegions',
            'DescribeAvailabilityZones', 'DescribeVolumes', 'DescribeVpcEndpoints',
            'DescribeTransitGateways', 'DescribeVpnConnections',
            'DescribeVpcPeeringConnections', 'DescribeInternetGateways',
            'DescribeStaleSecurityGroups', 'DescribeTransitGatewayVpcAttachments',
            'DescribeFlowLogs',
            # the memory of a DB instance's class (rds-connections-near-limit)
            'DescribeInstanceTypes'],
    'rds': ['DescribeDBInstances', 'DescribeDBClusters', 'DescribeDBSnapshots',
            'DescribeDBClusterSnapshots'],
    'autoscaling': ['DescribeAutoScalingGroups', 'DescribePolicies', 'DescribeScalingActivities'],
    'application-autoscaling': ['DescribeScalableTargets'],
    'elbv2': ['DescribeTargetGroups', 'DescribeTargetHealth', 'DescribeLoadBalancers',
              'DescribeTargetGroupAttributes', 'DescribeLoadBalancerAttributes'],
    'elb': ['DescribeLoadBalancers', 'DescribeLoadBalancerAttributes'],
    'cloudwatch': ['DescribeAlarms', 'GetMetricData'],
    'logs': ['DescribeLogGroups', 'DescribeMetricFilters', 'DescribeQueryDefinitions',
             'FilterLogEvents'],
    'backup': ['ListBackupPlans', 'ListBackupJobs', 'ListRestoreJobs', 'ListBackupVaults',
               'GetBackupPlan', 'ListProtectedResources', 'ListBackupSelections'],
    's3': ['ListBuckets', 'GetBucketVersioning', 'GetBucketReplication', 'GetBucketLocation'],
    'dynamodb': ['ListTables', 'DescribeContinuousBackups', 'DescribeTable',
                 'ListGlobalTables'],
    'route53': ['ListHealthChecks', 'ListHostedZones', 'ListResourceRecordSets'],
    'sqs': ['ListQueues', 'GetQueueAttributes'],
    'sns': ['ListTopics', 'ListSubscriptionsByTopic', 'ListSubscriptions'],
    'events': ['ListRules', 'ListTargetsByRule'],
    'stepfunctions': ['ListStateMachines'],
    'lambda': ['ListFunctions', 'GetFunctionConcurrency', 'ListEventSourceMappings',
               'ListFunctionEventInvokeConfigs'],
    'ecs': ['ListClusters', 'ListServices', 'DescribeServices', 'DescribeClusters'],
    'apigateway': ['GetRestApis', 'GetModels', 'GetStages', 'GetRequestValidators'],
    'service-quotas': ['ListServiceQuotas', 'GetServiceQuota', 'GetAWSDefaultServiceQuota',
                       'ListRequestedServiceQuotaChangeHistory', 'ListAWSDefaultServiceQuotas',
                       'ListServiceQuotaIncreaseRequestsInTemplate'],
    'cloudformation': ['ListStacks', 'DescribeStacks', 'ListStackSets', 'ListStackResources'],
    # the workload's scope (wa-review(1), SCOPE)
    'resourcegroupstaggingapi': ['GetResources'],
    'resource-groups': ['ListGroupResources'],
    'codepipeline': ['ListPipelines', 'GetPipeline'],
    'codedeploy': ['ListApplications', 'ListDeploymentGroups', 'ListDeployments', 'GetDeployment'],
    'fis': ['ListExperiments', 'ListExperimentTemplates', 'GetExperimentTemplate'],
    'synthetics': ['DescribeCanaries', 'DescribeCanariesLastRun'],
    'xray': ['GetSamplingRules', 'GetSamplingStatisticSummaries'],
    'ssm': ['DescribeInstanceInformation', 'ListDocuments', 'DescribeAutomationExecutions',
            'DescribeOpsItems'],
    # Read and write: `wa-review push` and `pull` exchange a review with the Well-Architected
    # Tool (the client's read-only guard still refuses the writes to every other caller).
    'wellarchitected': ['ListWorkloads', 'GetWorkload', 'CreateWorkload', 'UpdateWorkload',
                        'AssociateLenses', 'ListLensReviews', 'GetLensReview', 'ListAnswers',
                        'GetAnswer', 'UpdateAnswer', 'CreateMilestone', 'ListMilestones',
                        'GetMilestone', 'ListLenses', 'GetLens', 'ImportLens', 'ExportLens',
                        'CreateLensVersion'],
    'iam': ['GetAccountSummary', 'ListRoles', 'ListAccountAliases'],
    'cloudfront': ['ListDistributions'],
    'efs': ['DescribeFileSystems', 'DescribeBackupPolicy'],
    'elasticache': ['DescribeReplicationGroups', 'DescribeCacheClusters'],
    'resiliencehub': ['ListResiliencyPolicies', 'ListApps', 'DescribeApp', 'ListAppAssessments'],
    'ssm-incidents': ['ListResponsePlans'],
    'directconnect': ['DescribeConnections'],
    'wafv2': ['ListWebACLs', 'GetWebACL'],
    'appconfig': ['ListApplications'],
    'cloudtrail': ['DescribeTrails', 'GetTrailStatus', 'LookupEvents'],
    'redshift': ['DescribeClusters'],
    'opensearch': ['ListDomainNames', 'DescribeDomain'],
    # the results of the account's AWS Config rules (a question's config_rules)
    'config': ['DescribeConfigRules', 'DescribeComplianceByConfigRule',
               'GetComplianceDetailsByConfigRule'],
}

# The protocols wa-review speaks, in botocore's order of preference (utils.py), so a
# service offering several (CloudWatch: CBOR, JSON, query) gets the one the aws CLI uses.
PROTOCOL_PREFERENCE = ['json', 'rest-json', 'rest-xml', 'query', 'ec2']

# What the serializers and parsers read; everything else in a shape or member is dropped.
SHAPE_KEYS = ['type', 'required', 'members', 'member', 'key', 'value', 'payload',
              'flattened', 'locationName', 'xmlNamespace', 'xmlAttribute', 'timestampFormat',
              'jsonvalue', 'exception', 'document', 'union', 'streaming', 'eventstream',
              'wrapper', 'error']
REF_KEYS = ['shape', 'location', 'locationName', 'queryName', 'flattened', 'xmlNamespace',
            'xmlAttribute', 'timestampFormat', 'jsonvalue', 'hostLabel', 'idempotencyToken',
            'streaming', 'resultWrapper']
OP_KEYS = ['name', 'http', 'input', 'output', 'endpoint']
PAGINATOR_KEYS = ['input_token', 'output_token', 'more_results', 'limit_key', 'result_key']


def trim_ref(ref):
    return {k: ref[k] for k in REF_KEYS if k in ref}


def trim_shape(shape):
    out = {}
    for k in SHAPE_KEYS:
        if k not in shape:
            continue
        v = shape[k]
        if k == 'members':
            v = {name: trim_ref(m) for name, m in v.items()}
        elif k in ('member', 'key', 'value'):
            v = trim_ref(v)
        elif k == 'error':
            v = {e: v[e] for e in ('code', 'httpStatusCode', 'senderFault') if e in v}
        out[k] = v
    return out


def reach(shapes, name, seen):
    """Adds name and every shape it reaches to seen (recursive shapes included once)."""
    stack = [name]
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        s = shapes[n]
        for m in s.get('members', {}).values():
            stack.append(m['shape'])
        for k in ('member', 'key', 'value'):
            if k in s:
                stack.append(s[k]['shape'])


def global_endpoint(endpoints, prefix):
    """The partition-wide endpoint of a global service (IAM, Route 53, CloudFront), or None."""
    aws = next(p for p in endpoints['partitions'] if p['partition'] == 'aws')
    svc = aws['services'].get(prefix)
    if not svc or svc.get('isRegionalized', True) or 'partitionEndpoint' not in svc:
        return None
    ep = svc['endpoints'].get(svc['partitionEndpoint'], {})
    region = ep.get('credentialScope', {}).get('region', 'us-east-1')
    return {'region': region, 'hostname': ep.get('hostname')}


def build(loader, endpoints, service, ops):
    model = loader.load_service_model(service, 'service-2')
    try:
        pages = loader.load_service_model(service, 'paginators-1')['pagination']
    except Exception:  # noqa: BLE001 - a service without paginators
        pages = {}
    meta = model['metadata']
    protocols = meta.get('protocols') or [meta['protocol']]
    protocol = next((p for p in PROTOCOL_PREFERENCE if p in protocols), None)
    if protocol is None:
        sys.exit(f'{service}: no supported protocol in {protocols}')
    out_meta = {
        'cliName': service,
        'apiVersion': meta['apiVersion'],
        'protocol': protocol,
        'serviceId': meta['serviceId'],
        'endpointPrefix': meta['endpointPrefix'],
        'signingName': meta.get('signingName', meta['endpointPrefix']),
    }
    if protocol == 'json':
        out_meta['jsonVersion'] = meta.get('jsonVersion', '1.0')
        out_meta['targetPrefix'] = meta['targetPrefix']
    if 'awsQueryCompatible' in meta:
        out_meta['awsQueryCompatible'] = True
    glob = global_endpoint(endpoints, meta['endpointPrefix'])
    if glob:
        out_meta['global'] = glob

    operations = {}
    paginators = {}
    seen = set()
    for op in ops:
        if op not in model['operations']:
            sys.exit(f'{service}: no operation {op}')
        src = model['operations'][op]
        o = {k: src[k] for k in OP_KEYS if k in src}
        o['cliName'] = xform_name(op, '-')
        for k in ('input', 'output'):
            if k in o:
                o[k] = trim_ref(src[k])
                reach(model['shapes'], o[k]['shape'], seen)
        if 'endpoint' in o:
            o['endpoint'] = {k: v for k, v in o['endpoint'].items() if k == 'hostPrefix'}
            if not o['endpoint']:
                del o['endpoint']
        operations[op] = o
        if op in pages:
            paginators[op] = {k: pages[op][k] for k in PAGINATOR_KEYS if k in pages[op]}
    shapes = {n: trim_shape(model['shapes'][n]) for n in model['shapes'] if n in seen}
    return {
        '_source': {
            'generator': 'src/build/gen_models.py',
            'from': f'botocore {botocore.__version__} data/{service}/'
                    f'{meta["apiVersion"]}/service-2.json and paginators-1.json',
            'license': 'Apache-2.0, Copyright Amazon.com, Inc. or its affiliates; '
                       'see src/aws/models/README.md',
        },
        'metadata': out_meta,
        'operations': operations,
        'shapes': shapes,
        'paginators': paginators,
    }


TABLE_HEAD = '| service (CLI name) | protocol | operations |'


def write_readme_table(outdir, docs):
    """Rewrites the table of services closing README.md beside the models."""
    path = os.path.join(outdir, 'README.md')
    if not os.path.exists(path):
        return
    with open(path, encoding='utf-8') as f:
        text = f.read()
    head = text.split(TABLE_HEAD)[0]
    rows = [TABLE_HEAD, '| --- | --- | --- |']
    for name in sorted(docs):
        meta = docs[name]['metadata']
        rows.append(f"| {name} | {meta['protocol']} | {', '.join(docs[name]['operations'])} |")
    with open(path, 'w', encoding='utf-8') as f:
        f.write(head + '\n'.join(rows) + '\n')


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', 'aws', 'models')
    session = botocore.session.get_session()
    loader = session.get_component('data_loader')
    endpoints = loader.load_data('endpoints')
    os.makedirs(outdir, exist_ok=True)
    for old in os.listdir(outdir):
        if old.endswith('.json') and old[:-5] not in SERVICES:
            os.remove(os.path.join(outdir, old))
    docs = {}
    for service, ops in SERVICES.items():
        doc = docs[service] = build(loader, endpoints, service, ops)
        path = os.path.join(outdir, service + '.json')
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(doc, f, indent=1, ensure_ascii=False)
            f.write('\n')
        print(f'{os.path.relpath(path)}: {len(doc["operations"])} operations, {len(doc["shapes"])} shapes')
    write_readme_table(outdir, docs)
    # The list of every modelled operation, one "service Operation" a line, so checking a
    # probe's call at start-up does not mean parsing every model.
    with open(os.path.join(outdir, 'operations.txt'), 'w', encoding='utf-8') as f:
        for service in sorted(docs):
            for op in sorted(docs[service]['operations']):
                f.write(f'{service} {op}\n')


if __name__ == '__main__':
    main()
