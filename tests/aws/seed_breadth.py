#!/usr/bin/env python3
"""Seeds moto with a passing and a failing resource for each probe moto can answer among
those added for evidence breadth (tests/cli/test_evidence_breadth.sh), with boto3 and the
test user's key from the environment, and prints the IDs moto chose as JSON.

  seed_breadth.py ENDPOINT

Everything is in us-east-1; each pair is named ok-* (passes) and bad-* (fails):
- EC2: volumes ok (gp3) and bad (gp2, 100 GiB), both attached; VPCs ok (flow log) and bad
  (none), the bad one with a detached internet gateway; instances ok (own security group,
  detailed monitoring) and bad (default group, basic monitoring).
- RDS: ok-db (enhanced monitoring, deletion protection) and bad-db (neither).
- Load balancers: ok-alb (access logs, deletion protection) and bad-alb; Classic ok-clb (two
  zones, cross-zone) and bad-clb (one zone, not cross-zone).
- Lambda: ok-fn (its own role, a 30 s timeout; tagged app=shop) and bad-fn (the 3 s
  default) and bad-fn-2 sharing bad-fn's role.
- EventBridge: ok-rule (a target with a dead-letter queue) and bad-rule (no target).
- CloudWatch: ok-alarm (a description, its topic confirmed) and bad-alarm (neither).
- DynamoDB: ok-table (on demand) and bad-table (provisioned, no auto scaling).
- Redshift: ok-warehouse (7-day snapshots) and bad-warehouse (off).
- API Gateway: ok-api (a request validator) and bad-api (none).
- CloudTrail: ok-trail (logging, to CloudWatch Logs) and bad-trail (stopped).
- ElastiCache: ok-cache (backups kept) and bad-cache (none).
AWS Config, which moto lacks, answers from the fault proxy's fixtures
(tests/aws/fixtures/config): lambda-dlq-check names bad-fn and bad-fn-2, and the deletion
protection rule finds both databases compliant, which the probe of ours disputes.
"""
import json
import os
import sys

import boto3
from botocore.config import Config

REGION = "us-east-1"


def client(svc, ep):
    return boto3.client(svc, endpoint_url=ep, region_name=REGION,
                        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
                        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
                        config=Config(retries={"max_attempts": 1}))


def ec2(ep, out):
    e = client("ec2", ep)
    image = e.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    for name, flow in (("ok", True), ("bad", False)):
        vpc = e.create_vpc(CidrBlock="10.%d.0.0/16" % (10 if flow else 20))["Vpc"]["VpcId"]
        out[name + "-vpc"] = vpc
        if flow:
            e.create_flow_logs(ResourceIds=[vpc], ResourceType="VPC", TrafficType="ALL",
                               LogGroupName="/vpc/ok", DeliverLogsPermissionArn=
                               "arn:aws:iam::123456789012:role/flow-logs")
            igw = e.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
            e.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
        else:
            igw = e.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        out[name + "-igw"] = igw
        sub = e.create_subnet(VpcId=vpc, CidrBlock="10.%d.1.0/24" % (10 if flow else 20),
                              AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
        groups = []
        if flow:
            groups = [e.create_security_group(GroupName="ok-web", Description="web",
                                              VpcId=vpc)["GroupId"]]
        inst = e.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro",
                               SubnetId=sub, Monitoring={"Enabled": flow},
                               **({"SecurityGroupIds": groups} if groups else {}))
        iid = inst["Instances"][0]["InstanceId"]
        out[name + "-instance"] = iid
        vol = e.create_volume(AvailabilityZone="us-east-1a", Size=100,
                              VolumeType="gp3" if flow else "gp2")["VolumeId"]
        e.attach_volume(VolumeId=vol, InstanceId=iid, Device="/dev/sdf")
        out[name + "-volume"] = vol


def rds(ep):
    r = client("rds", ep)
    for name, good in (("ok-db", True), ("bad-db", False)):
        r.create_db_instance(DBInstanceIdentifier=name, DBInstanceClass="db.t3.micro",
                             Engine="postgres", MasterUsername="admin",
                             MasterUserPassword="secret99", AllocatedStorage=20, MultiAZ=True,
                             BackupRetentionPeriod=7, DeletionProtection=good,
                             MonitoringInterval=60 if good else 0,
                             **({"MonitoringRoleArn": "arn:aws:iam::123456789012:role/rds-mon"}
                                if good else {}))


def elb(ep, out):
    e = client("ec2", ep)
    vpc = out["ok-vpc"]
    subs = [out.get("ok-sub-a")] if False else []
    for az, cidr in (("us-east-1a", "10.10.2.0/24"), ("us-east-1b", "10.10.3.0/24")):
        subs.append(e.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=az)
                    ["Subnet"]["SubnetId"])
    v2 = client("elbv2", ep)
    for name, good in (("ok-alb", True), ("bad-alb", False)):
        arn = v2.create_load_balancer(Name=name, Subnets=subs)["LoadBalancers"][0]["LoadBalancerArn"]
        v2.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
            {"Key": "deletion_protection.enabled", "Value": str(good).lower()},
            {"Key": "access_logs.s3.enabled", "Value": str(good).lower()},
            {"Key": "access_logs.s3.bucket", "Value": "ok-elb-logs" if good else ""}])
    classic = client("elb", ep)
    for name, zones, cross in (("ok-clb", ["us-east-1a", "us-east-1b"], True),
                               ("bad-clb", ["us-east-1a"], False)):
        classic.create_load_balancer(LoadBalancerName=name, AvailabilityZones=zones, Listeners=[
            {"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 80}])
        classic.modify_load_balancer_attributes(LoadBalancerName=name, LoadBalancerAttributes={
            "CrossZoneLoadBalancing": {"Enabled": cross}})


def lam(ep):
    iam = client("iam", ep)
    doc = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "sts:AssumeRole",
        "Principal": {"Service": "lambda.amazonaws.com"}}]})
    roles = {n: iam.create_role(RoleName=n, AssumeRolePolicyDocument=doc)["Role"]["Arn"]
             for n in ("ok-role", "shared-role")}
    q = client("sqs", ep)
    dlq = q.get_queue_attributes(QueueUrl=q.create_queue(QueueName="ok-fn-dlq")["QueueUrl"],
                                 AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    fn = client("lambda", ep)
    code = {"ZipFile": b"PK\x05\x06" + b"\x00" * 18}
    fn.create_function(FunctionName="ok-fn", Runtime="python3.11", Role=roles["ok-role"],
                       Handler="index.handler", Code=code, Timeout=30,
                       DeadLetterConfig={"TargetArn": dlq}, Tags={"app": "shop"})
    for name in ("bad-fn", "bad-fn-2"):
        fn.create_function(FunctionName=name, Runtime="python3.11", Role=roles["shared-role"],
                           Handler="index.handler", Code=code)
    return dlq


def events(ep, dlq):
    ev = client("events", ep)
    for name in ("ok-rule", "bad-rule"):
        ev.put_rule(Name=name, EventPattern=json.dumps({"source": ["shop.orders"]}),
                    State="ENABLED")
    ev.put_targets(Rule="ok-rule", Targets=[{"Id": "q", "Arn": dlq.replace("ok-fn-dlq", "ok-fn-dlq"),
                                             "DeadLetterConfig": {"Arn": dlq}}])


def alarms(ep):
    sns = client("sns", ep)
    ok = sns.create_topic(Name="ok-pager")["TopicArn"]
    sns.subscribe(TopicArn=ok, Protocol="sqs",
                  Endpoint="arn:aws:sqs:us-east-1:123456789012:ok-fn-dlq")
    bad = sns.create_topic(Name="bad-nobody")["TopicArn"]
    cw = client("cloudwatch", ep)
    for name, topic, desc in (("ok-alarm", ok, "Playbook: https://wiki.example.com/ok"),
                              ("bad-alarm", bad, None)):
        cw.put_metric_alarm(AlarmName=name, MetricName="CPUUtilization", Namespace="AWS/EC2",
                            Statistic="Average", Period=60, EvaluationPeriods=1, Threshold=80.0,
                            ComparisonOperator="GreaterThanThreshold", AlarmActions=[topic],
                            **({"AlarmDescription": desc} if desc else {}))


def dynamodb(ep):
    d = client("dynamodb", ep)
    for name, mode in (("ok-table", "PAY_PER_REQUEST"), ("bad-table", "PROVISIONED")):
        kw = {"ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}} \
            if mode == "PROVISIONED" else {}
        d.create_table(TableName=name, BillingMode=mode,
                       KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                       AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                       **kw)


def redshift(ep):
    r = client("redshift", ep)
    for name, keep in (("ok-warehouse", 7), ("bad-warehouse", 0)):
        r.create_cluster(ClusterIdentifier=name, NodeType="ra3.xlplus", MasterUsername="admin",
                         MasterUserPassword="Secret99x", ClusterType="single-node",
                         AutomatedSnapshotRetentionPeriod=keep)


def apigateway(ep):
    a = client("apigateway", ep)
    for name, validate in (("ok-api", True), ("bad-api", False)):
        api = a.create_rest_api(name=name)["id"]
        if validate:
            a.create_request_validator(restApiId=api, name="all", validateRequestBody=True,
                                       validateRequestParameters=True)


def cloudtrail(ep):
    s3 = client("s3", ep)
    s3.create_bucket(Bucket="trail-logs-123456789012")
    ct = client("cloudtrail", ep)
    ct.create_trail(Name="ok-trail", S3BucketName="trail-logs-123456789012",
                    CloudWatchLogsLogGroupArn="arn:aws:logs:us-east-1:123456789012:log-group:trail:*",
                    CloudWatchLogsRoleArn="arn:aws:iam::123456789012:role/trail-to-logs")
    ct.start_logging(Name="ok-trail")
    ct.create_trail(Name="bad-trail", S3BucketName="trail-logs-123456789012")


def elasticache(ep):
    c = client("elasticache", ep)
    for name, keep in (("ok-cache", 3), ("bad-cache", 0)):
        c.create_replication_group(ReplicationGroupId=name, ReplicationGroupDescription=name,
                                   Engine="redis", CacheNodeType="cache.t3.micro",
                                   NumCacheClusters=2, SnapshotRetentionLimit=keep)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    ep = argv[1]
    out = {}
    ec2(ep, out)
    rds(ep)
    elb(ep, out)
    dlq = lam(ep)
    events(ep, dlq)
    alarms(ep)
    dynamodb(ep)
    redshift(ep)
    apigateway(ep)
    cloudtrail(ep)
    elasticache(ep)
    json.dump(out, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
