#!/usr/bin/env python3
"""Seeds moto with an account shaped like the evidence defects the verdict model fixes
(tests/cli/test_evidence_verdicts.sh), with boto3 and the test user's key from the
environment, and prints the IDs moto chose as JSON.

  seed_verdicts.py ENDPOINT

us-east-1, the workload's resources tagged app=shop next to others that are not:
- RDS shop-db (Multi-AZ) and shop-reports (single-AZ), tagged; other-db (single-AZ), not.
- SQS shop-orders (with its dead-letter queue shop-dlq) and shop-emails (none), tagged;
  120 untagged queues bulk-000..119 without dead-letter queues.
- S3: 205 buckets wa-v-000..204, versioned but for wa-v-200..204; shop-assets (versioned)
  and shop-logs (not), tagged. The test denies one bucket's versioning call.
- One Lambda function, shop-fn (tagged): a function exists, nothing more is known.
- Route 53: zone shop.example.com with a PRIMARY failover record www and no SECONDARY.
- VPCs: shop-net 10.1.0.0/16 (tagged) and other-net 10.1.128.0/17 (not), which overlap;
  shop-app 10.2.0.0/16 (tagged) with a public subnet in us-east-1a holding both NAT
  gateways, and private subnets in us-east-1a and us-east-1b whose default routes go to the
  NAT gateway in us-east-1a.
- A backup plan, so backup plans exist in one Region.
eu-west-1: nothing of the workload; the test denies RDS and Backup there.
"""
import json
import os
import sys

import boto3
from botocore.config import Config

SHOP = [{"Key": "app", "Value": "shop"}]


def client(svc, endpoint, region="us-east-1"):
    return boto3.client(svc, endpoint_url=endpoint, region_name=region,
                        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
                        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
                        config=Config(retries={"max_attempts": 1}))


def rds(ep):
    r = client("rds", ep)
    for name, multi, tags in (("shop-db", True, SHOP), ("shop-reports", False, SHOP),
                              ("other-db", False, [])):
        r.create_db_instance(DBInstanceIdentifier=name, DBInstanceClass="db.t3.micro",
                             Engine="postgres", MasterUsername="admin",
                             MasterUserPassword="secret99", AllocatedStorage=20,
                             MultiAZ=multi, BackupRetentionPeriod=7, Tags=tags)


def sqs(ep):
    q = client("sqs", ep)
    dlq = q.create_queue(QueueName="shop-dlq", tags={"app": "shop"})["QueueUrl"]
    arn = q.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    q.create_queue(QueueName="shop-orders", tags={"app": "shop"}, Attributes={
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": arn, "maxReceiveCount": "5"})})
    q.create_queue(QueueName="shop-emails", tags={"app": "shop"})
    for i in range(120):
        q.create_queue(QueueName="bulk-%03d" % i)


def s3(ep):
    s = client("s3", ep)
    for i in range(205):
        name = "wa-v-%03d" % i
        s.create_bucket(Bucket=name)
        if i < 200:
            s.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    for name, versioned in (("shop-assets", True), ("shop-logs", False)):
        s.create_bucket(Bucket=name)
        s.put_bucket_tagging(Bucket=name, Tagging={"TagSet": SHOP})
        if versioned:
            s.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})


def lam(ep):
    iam = client("iam", ep)
    role = iam.create_role(RoleName="fn-role", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                "Principal": {"Service": "lambda.amazonaws.com"}}]}))
    client("lambda", ep).create_function(
        FunctionName="shop-fn", Runtime="python3.11", Role=role["Role"]["Arn"],
        Handler="index.handler", Code={"ZipFile": b"PK\x05\x06" + b"\x00" * 18},
        Tags={"app": "shop"})


def route53(ep):
    r = client("route53", ep)
    zone = r.create_hosted_zone(Name="shop.example.com", CallerReference="shop")["HostedZone"]
    r.change_resource_record_sets(HostedZoneId=zone["Id"], ChangeBatch={"Changes": [{
        "Action": "CREATE", "ResourceRecordSet": {
            "Name": "www.shop.example.com", "Type": "A", "SetIdentifier": "primary",
            "Failover": "PRIMARY", "TTL": 60, "ResourceRecords": [{"Value": "192.0.2.1"}]}}]})


def ec2(ep):
    e = client("ec2", ep)
    out = {}

    def vpc(cidr, name, tagged):
        tags = [{"Key": "Name", "Value": name}] + (SHOP if tagged else [])
        v = e.create_vpc(CidrBlock=cidr, TagSpecifications=[
            {"ResourceType": "vpc", "Tags": tags}])["Vpc"]["VpcId"]
        out[name] = v
        return v

    vpc("10.1.0.0/16", "shop-net", True)
    vpc("10.1.128.0/17", "other-net", False)
    app = vpc("10.2.0.0/16", "shop-app", True)

    def subnet(cidr, az, name):
        s = e.create_subnet(VpcId=app, CidrBlock=cidr, AvailabilityZone=az,
                            TagSpecifications=[{"ResourceType": "subnet",
                                                "Tags": SHOP + [{"Key": "Name", "Value": name}]}])
        out[name] = s["Subnet"]["SubnetId"]
        return out[name]

    public = subnet("10.2.0.0/24", "us-east-1a", "public-a")
    priv_a = subnet("10.2.1.0/24", "us-east-1a", "private-a")
    priv_b = subnet("10.2.2.0/24", "us-east-1b", "private-b")
    igw = e.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    e.attach_internet_gateway(InternetGatewayId=igw, VpcId=app)
    rt = e.create_route_table(VpcId=app)["RouteTable"]["RouteTableId"]
    e.create_route(RouteTableId=rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    e.associate_route_table(RouteTableId=rt, SubnetId=public)
    nats = []
    for _ in range(2):
        eip = e.allocate_address(Domain="vpc")["AllocationId"]
        nats.append(e.create_nat_gateway(SubnetId=public, AllocationId=eip)["NatGateway"]["NatGatewayId"])
    for sub in (priv_a, priv_b):
        rt = e.create_route_table(VpcId=app)["RouteTable"]["RouteTableId"]
        e.create_route(RouteTableId=rt, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nats[0])
        e.associate_route_table(RouteTableId=rt, SubnetId=sub)
    return out


def backup(ep):
    client("backup", ep).create_backup_plan(BackupPlan={"BackupPlanName": "daily", "Rules": [{
        "RuleName": "daily", "TargetBackupVaultName": "Default",
        "ScheduleExpression": "cron(0 5 * * ? *)"}]})


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    ep = argv[1]
    rds(ep)
    sqs(ep)
    s3(ep)
    lam(ep)
    route53(ep)
    ids = ec2(ep)
    backup(ep)
    json.dump(ids, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
