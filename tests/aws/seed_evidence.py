#!/usr/bin/env python3
"""Seeds moto with a fixture account whose gaps the evidence probes must find
(tests/cli/test_evidence_moto.sh), with boto3 and the test user's key from the environment.

  seed_evidence.py ENDPOINT

us-east-1: RDS orders-db (Multi-AZ) and reports-db (single-AZ); Auto Scaling groups web
(three AZs) and batch (one AZ); SQS orders (dead-letter queue orders-dlq) and emails (none).
eu-west-1: RDS eu-orders-db (Multi-AZ); Auto Scaling group eu-web (three AZs); no queues.
S3 (global): wa-ev-versioned (versioning on, us-east-1), wa-ev-unversioned (off, eu-west-1).
"""
import json
import os
import sys

import boto3
from botocore.config import Config


def client(svc, endpoint, region):
    return boto3.client(svc, endpoint_url=endpoint, region_name=region,
                        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
                        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
                        config=Config(retries={"max_attempts": 1}))


def rds(endpoint, region, multi, single):
    r = client("rds", endpoint, region)
    for name in multi + single:
        r.create_db_instance(DBInstanceIdentifier=name, DBInstanceClass="db.t3.micro",
                             Engine="postgres", MasterUsername="admin",
                             MasterUserPassword="secret99", AllocatedStorage=20,
                             MultiAZ=name in multi, BackupRetentionPeriod=7)


def asg(endpoint, region, groups):
    ec2 = client("ec2", endpoint, region)
    azs = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]]
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    a = client("autoscaling", endpoint, region)
    a.create_launch_configuration(LaunchConfigurationName="lc", ImageId=image,
                                  InstanceType="t3.micro")
    for name, n_azs in groups:
        a.create_auto_scaling_group(AutoScalingGroupName=name, LaunchConfigurationName="lc",
                                    MinSize=0, MaxSize=2, DesiredCapacity=0,
                                    AvailabilityZones=azs[:n_azs])


def sqs(endpoint, region):
    q = client("sqs", endpoint, region)
    dlq = q.create_queue(QueueName="orders-dlq")["QueueUrl"]
    arn = q.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    q.create_queue(QueueName="orders", Attributes={"RedrivePolicy": json.dumps(
        {"deadLetterTargetArn": arn, "maxReceiveCount": "5"})})
    q.create_queue(QueueName="emails")


def s3(endpoint):
    s = client("s3", endpoint, "us-east-1")
    s.create_bucket(Bucket="wa-ev-versioned")
    s.put_bucket_versioning(Bucket="wa-ev-versioned",
                            VersioningConfiguration={"Status": "Enabled"})
    s.create_bucket(Bucket="wa-ev-unversioned",
                    CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    ep = argv[1]
    rds(ep, "us-east-1", ["orders-db"], ["reports-db"])
    rds(ep, "eu-west-1", ["eu-orders-db"], [])
    asg(ep, "us-east-1", [("web", 3), ("batch", 1)])
    asg(ep, "eu-west-1", [("eu-web", 3)])
    sqs(ep, "us-east-1")
    s3(ep)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
