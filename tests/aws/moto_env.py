#!/usr/bin/env python3
"""Helpers for the moto harness (tests/aws/moto_env.sh): free ports, waiting for a server,
creating the test user and seeding an account with boto3.

  moto_env.py freeport
  moto_env.py wait PORT [SECONDS]
  moto_env.py bootstrap ENDPOINT OUT.env     IAM user + admin policy + access key: the
                                              3 unauthenticated actions moto allows when
                                              started with INITIAL_NO_AUTH_ACTION_COUNT=3
  moto_env.py seed ENDPOINT OUT.json         resources in us-east-1 and eu-west-1, made
                                              with that user's key (signatures verified)
  moto_env.py auth-on ENDPOINT               from now on every request is verified
                                              (INITIAL_NO_AUTH_ACTION_COUNT=0)
  moto_env.py auth-off ENDPOINT              no more checks (for the REST services whose
                                              checks moto gets wrong: see the parity test)
"""
import io
import json
import os
import socket
import sys
import time
import urllib.request
import zipfile

REGIONS = ["us-east-1", "eu-west-1"]


def freeport():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
    s.close()


def wait(port, seconds=60):
    end = time.time() + float(seconds)
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", int(port)), timeout=1).close()
            return 0
        except OSError:
            time.sleep(0.1)
    print(f"nothing listens on 127.0.0.1:{port} after {seconds} s", file=sys.stderr)
    return 1


def client(svc, endpoint, region="us-east-1", creds=None):
    import boto3
    from botocore.config import Config
    creds = creds or {"aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
                      "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
    return boto3.client(svc, endpoint_url=endpoint, region_name=region,
                        config=Config(retries={"max_attempts": 1}), **creds)


def bootstrap(endpoint, out):
    iam = client("iam", endpoint)
    iam.create_user(UserName="wa-review-test")
    iam.put_user_policy(UserName="wa-review-test", PolicyName="admin", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    key = iam.create_access_key(UserName="wa-review-test")["AccessKey"]
    with open(out, "w") as f:
        f.write(f"AWS_ACCESS_KEY_ID={key['AccessKeyId']}\n")
        f.write(f"AWS_SECRET_ACCESS_KEY={key['SecretAccessKey']}\n")
    return 0


def creds_from_env():
    return {"aws_access_key_id": os.environ["AWS_ACCESS_KEY_ID"],
            "aws_secret_access_key": os.environ["AWS_SECRET_ACCESS_KEY"]}


def lambda_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return {'ok': True}\n")
    return buf.getvalue()


def seed_region(endpoint, region, creds, out):
    c = lambda svc: client(svc, endpoint, region, creds)  # noqa: E731
    ec2 = c("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    ec2.create_tags(Resources=[vpc], Tags=[{"Key": "Name", "Value": "checkout"}])
    azs = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]][:3]
    subnets = []
    for i, az in enumerate(azs):
        sn = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.20.{i}.0/24", AvailabilityZone=az)
        subnets.append(sn["Subnet"]["SubnetId"])
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
    nat = ec2.create_nat_gateway(SubnetId=subnets[0], AllocationId=eip)["NatGateway"]["NatGatewayId"]
    rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=rt, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
    ec2.associate_route_table(RouteTableId=rt, SubnetId=subnets[1])
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    inst = ec2.run_instances(ImageId=image, MinCount=2, MaxCount=2, InstanceType="t3.micro",
                             SubnetId=subnets[0])["Instances"]
    ids = [i["InstanceId"] for i in inst]
    vol = ec2.create_volume(AvailabilityZone=azs[0], Size=8)["VolumeId"]
    ec2.create_snapshot(VolumeId=vol, Description="nightly")

    rds = c("rds")
    rds.create_db_subnet_group(DBSubnetGroupName="db", DBSubnetGroupDescription="db",
                               SubnetIds=subnets)
    rds.create_db_instance(DBInstanceIdentifier="orders-db", DBInstanceClass="db.t3.micro",
                           Engine="postgres", MasterUsername="admin", MasterUserPassword="secret99",
                           AllocatedStorage=20, MultiAZ=True, BackupRetentionPeriod=7,
                           DBSubnetGroupName="db")
    rds.create_db_cluster(DBClusterIdentifier="orders-aurora", Engine="aurora-postgresql",
                          MasterUsername="admin", MasterUserPassword="secret99",
                          DBSubnetGroupName="db")

    lt = ec2.create_launch_template(LaunchTemplateName="web", LaunchTemplateData={
        "ImageId": image, "InstanceType": "t3.micro"})["LaunchTemplate"]["LaunchTemplateId"]
    elb = c("elbv2")
    tg = elb.create_target_group(Name="web", Protocol="HTTP", Port=80, VpcId=vpc,
                                 HealthCheckPath="/health")["TargetGroups"][0]["TargetGroupArn"]
    elb.register_targets(TargetGroupArn=tg, Targets=[{"Id": i} for i in ids])
    lb = elb.create_load_balancer(Name="web", Subnets=subnets[:2])["LoadBalancers"][0]["LoadBalancerArn"]
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80,
                        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
    asg = c("autoscaling")
    asg.create_auto_scaling_group(AutoScalingGroupName="web", MinSize=2, MaxSize=6,
                                  DesiredCapacity=2, LaunchTemplate={"LaunchTemplateId": lt},
                                  VPCZoneIdentifier=",".join(subnets), TargetGroupARNs=[tg],
                                  HealthCheckType="ELB", HealthCheckGracePeriod=120)
    asg.put_scaling_policy(AutoScalingGroupName="web", PolicyName="cpu50",
                           PolicyType="TargetTrackingScaling", TargetTrackingConfiguration={
                               "PredefinedMetricSpecification": {
                                   "PredefinedMetricType": "ASGAverageCPUUtilization"},
                               "TargetValue": 50.0})

    cw = c("cloudwatch")
    cw.put_metric_alarm(AlarmName="web-5xx", MetricName="HTTPCode_Target_5XX_Count",
                        Namespace="AWS/ApplicationELB", Statistic="Sum", Period=60,
                        EvaluationPeriods=3, Threshold=10.0,
                        ComparisonOperator="GreaterThanThreshold", ActionsEnabled=True)
    logs = c("logs")
    logs.create_log_group(logGroupName="/app/web")
    logs.put_retention_policy(logGroupName="/app/web", retentionInDays=30)
    logs.create_log_group(logGroupName="/app/worker")

    backup = c("backup")
    backup.create_backup_vault(BackupVaultName="main")
    backup.create_backup_plan(BackupPlan={"BackupPlanName": "daily", "Rules": [{
        "RuleName": "daily", "TargetBackupVaultName": "main",
        "ScheduleExpression": "cron(0 5 ? * * *)", "Lifecycle": {"DeleteAfterDays": 35}}]})

    ddb = c("dynamodb")
    ddb.create_table(TableName="orders", BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
    ddb.update_continuous_backups(TableName="orders", PointInTimeRecoverySpecification={
        "PointInTimeRecoveryEnabled": True})
    ddb.create_table(TableName="sessions", BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])

    sqs = c("sqs")
    dlq = sqs.create_queue(QueueName="orders-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    q = sqs.create_queue(QueueName="orders", Attributes={"RedrivePolicy": json.dumps(
        {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "5"}), "VisibilityTimeout": "60"})["QueueUrl"]

    iam = c("iam")
    role_name = f"lambda-{region}"
    role = iam.create_role(RoleName=role_name, AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {
            "Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
    lam = c("lambda")
    lam.create_function(FunctionName="resize", Runtime="python3.12", Role=role,
                        Handler="index.handler", Code={"ZipFile": lambda_zip()},
                        Timeout=30, MemorySize=256)

    cfn = c("cloudformation")
    cfn.create_stack(StackName="network", TemplateBody=json.dumps({
        "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}))

    syn = c("synthetics")
    syn.create_canary(Name="checkout", Code={"Handler": "index.handler", "S3Bucket": "x",
                                             "S3Key": "y"},
                      ArtifactS3Location="s3://canary-artifacts/", ExecutionRoleArn=role,
                      Schedule={"Expression": "rate(5 minutes)"},
                      RuntimeVersion="syn-python-selenium-3.0")
    out[region] = {"vpc": vpc, "subnets": subnets, "instances": ids, "nat": nat,
                   "route_table": rt, "target_group": tg, "load_balancer": lb, "queue": q,
                   "dlq": dlq}


def seed(endpoint, outfile):
    creds = creds_from_env()
    out = {}
    for region in REGIONS:
        seed_region(endpoint, region, creds, out)
    # Global and S3: buckets with versioning, one replicating to the other.
    s3 = client("s3", endpoint, "us-east-1", creds)
    s3.create_bucket(Bucket="wa-logs-primary")
    s3.create_bucket(Bucket="wa-logs-replica", CreateBucketConfiguration={
        "LocationConstraint": "eu-west-1"})
    s3.create_bucket(Bucket="wa-scratch")
    for b in ("wa-logs-primary", "wa-logs-replica"):
        s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_replication(Bucket="wa-logs-primary", ReplicationConfiguration={
        "Role": "arn:aws:iam::123456789012:role/replication",
        "Rules": [{"ID": "all", "Priority": 1, "Status": "Enabled", "Filter": {"Prefix": ""},
                   "DeleteMarkerReplication": {"Status": "Disabled"},
                   "Destination": {"Bucket": "arn:aws:s3:::wa-logs-replica"}}]})
    r53 = client("route53", endpoint, "us-east-1", creds)
    for i, fqdn in enumerate(["shop.example.com", "api.example.com"]):
        r53.create_health_check(CallerReference=f"hc-{i}", HealthCheckConfig={
            "Type": "HTTPS", "FullyQualifiedDomainName": fqdn, "Port": 443,
            "ResourcePath": "/health", "RequestInterval": 30, "FailureThreshold": 3})
    # A role the test user can assume (assume-role profiles), allowed to read everything.
    iam = client("iam", endpoint, "us-east-1", creds)
    iam.create_role(RoleName="wa-review-audit", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {
            "AWS": "arn:aws:iam::123456789012:user/wa-review-test"},
            "Action": "sts:AssumeRole"}]}))
    iam.put_role_policy(RoleName="wa-review-audit", PolicyName="read", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    out["buckets"] = ["wa-logs-primary", "wa-logs-replica", "wa-scratch"]
    with open(outfile, "w") as f:
        json.dump(out, f, indent=1)
    return 0


def auth(endpoint, count=b"0"):
    req = urllib.request.Request(endpoint.rstrip("/") + "/moto-api/reset-auth", data=count,
                                 method="POST", headers={"Content-Type": "text/plain"})
    with urllib.request.urlopen(req, timeout=10) as r:
        r.read()
    return 0


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd = argv[1]
    if cmd == "freeport":
        return freeport()
    if cmd == "wait":
        return wait(argv[2], argv[3] if len(argv) > 3 else 60)
    if cmd == "bootstrap":
        return bootstrap(argv[2], argv[3])
    if cmd == "seed":
        return seed(argv[2], argv[3])
    if cmd == "auth-on":
        return auth(argv[2])
    if cmd == "auth-off":
        return auth(argv[2], b"1e18")
    print(f"unknown command {cmd}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv) or 0)
