#!/usr/bin/env python3
"""deploy/ecs/deploy against a real moto_server (ECS, ECR, EC2 APIs over HTTP), its waiter logic
on scripted DescribeServices answers, and scripts/release in a throwaway git repository.

moto accepts and stores the calls but runs no tasks, health checks, load balancer or circuit
breaker (docs/deploy.md lists what it cannot simulate)."""

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEPLOY = os.path.join(ROOT, "deploy", "ecs", "deploy")
RELEASE = os.path.join(ROOT, "scripts", "release")
REGION = "us-east-1"
ACCOUNT = "123456789012"
REPO = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/content-swarm"


def load_deploy_module():
    loader = importlib.machinery.SourceFileLoader("ecs_deploy", DEPLOY)
    spec = importlib.util.spec_from_loader("ecs_deploy", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


ecs_deploy = load_deploy_module()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MotoServer:
    """moto_server on a free loopback port; every test class gets a fresh one."""

    def __init__(self):
        self.port = free_port()
        self.log = tempfile.TemporaryFile()
        env = dict(os.environ, MOTO_ECS_SERVICE_RUNNING="2")
        self.proc = subprocess.Popen(
            [shutil.which("moto_server") or "moto_server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(200):
            try:
                urllib.request.urlopen(self.url + "/moto-api/", timeout=1).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("moto_server did not start")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.log.close()


class MotoTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto = MotoServer()
        cls.env = dict(os.environ, AWS_ENDPOINT_URL=cls.moto.url, AWS_ACCESS_KEY_ID="testing",
                       AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION=REGION,
                       AWS_SESSION_TOKEN="testing")
        for key in list(cls.env):
            if key.startswith("DEPLOY_") or key == "AWS_PROFILE":
                del cls.env[key]
        import boto3
        session = boto3.session.Session(region_name=REGION, aws_access_key_id="testing",
                                        aws_secret_access_key="testing")
        cls.ecs = session.client("ecs", endpoint_url=cls.moto.url)
        cls.ecr = session.client("ecr", endpoint_url=cls.moto.url)
        ec2 = session.client("ec2", endpoint_url=cls.moto.url)
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        cls.subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
        cls.sg = ec2.create_security_group(GroupName="api", Description="api",
                                           VpcId=vpc)["GroupId"]
        cls.ecs.create_cluster(clusterName="prod")
        cls.ecr.create_repository(repositoryName="content-swarm",
                                  imageTagMutability="IMMUTABLE")

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def push_image(self, tag):
        """Puts a manifest into moto's ECR and returns its digest."""
        manifest = json.dumps({"schemaVersion": 2, "tag": tag,
                               "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                               "config": {"digest": "sha256:" + hashlib.sha256(tag.encode()).hexdigest(),
                                          "size": 1, "mediaType": "application/vnd.docker.container.image.v1+json"},
                               "layers": []})
        image = self.ecr.put_image(repositoryName="content-swarm", imageManifest=manifest,
                                   imageTag=tag)["image"]
        return image["imageId"]["imageDigest"]

    def run_deploy(self, image, *extra, service="api"):
        args = [sys.executable, DEPLOY, "--cluster", "prod", "--service", service,
                "--image", image, "--poll", "0.2", "--timeout", "5",
                "--var", "FAMILY=content-swarm-api",
                "--var", f"EXECUTION_ROLE_ARN=arn:aws:iam::{ACCOUNT}:role/exec",
                "--var", f"TASK_ROLE_ARN=arn:aws:iam::{ACCOUNT}:role/task",
                "--var", f"DB_URL_SECRET_ARN=arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:db",
                "--var", f"SECRET_KEY_SECRET_ARN=arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:key",
                "--var", "LOG_GROUP=/ecs/content-swarm", "--var", f"AWS_REGION={REGION}",
                "--var", f"TARGET_GROUP_ARN=arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:targetgroup/api/1",
                "--var", f"SUBNETS={json.dumps([self.subnet])}",
                "--var", f"SECURITY_GROUPS={json.dumps([self.sg])}", *extra]
        return subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=60)

    def task_definition_arns(self):
        return self.ecs.list_task_definitions(familyPrefix="content-swarm-api")["taskDefinitionArns"]


class RefusesTags(MotoTestCase):
    def test_latest_and_any_tag_are_refused_before_any_api_call(self):
        for image in (f"{REPO}:latest", f"{REPO}:0.1.0-g4f2a9c1d0e7b", REPO,
                      f"{REPO}:0.1.0@sha256:" + "a" * 64, f"{REPO}@sha256:abc"):
            with self.subTest(image=image):
                r = self.run_deploy(image)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertIn("--image", r.stderr)
                self.assertIn("refusing", r.stderr)
        self.assertIn("'latest' moves", self.run_deploy(f"{REPO}:latest").stderr)
        self.assertEqual(self.task_definition_arns(), [])

    def test_a_digest_missing_from_the_repository_is_refused(self):
        r = self.run_deploy(f"{REPO}@sha256:" + "b" * 64)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("is not in ECR repository content-swarm", r.stderr)
        other = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/content-swarm-dev@sha256:" + "c" * 64
        r = self.run_deploy(other)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("content-swarm-dev does not exist", r.stderr)
        self.assertEqual(self.task_definition_arns(), [])

    def test_a_missing_template_variable_is_named(self):
        digest = self.push_image("0.1.0-gmissingvar")
        r = subprocess.run([sys.executable, DEPLOY, "--cluster", "prod", "--service", "api",
                            "--image", f"{REPO}@{digest}"], env=self.env, capture_output=True,
                           text=True, timeout=60)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("--var FAMILY=", r.stderr)

    def test_a_template_with_a_tagged_image_is_refused(self):
        digest = self.push_image("0.1.0-gtemplate")
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"family": "x", "containerDefinitions": [
                {"name": "sidecar", "image": "public.ecr.aws/nginx/nginx:latest"}]}, f)
        try:
            r = self.run_deploy(f"{REPO}@{digest}", "--template", f.name)
        finally:
            os.unlink(f.name)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("containerDefinitions[sidecar].image", r.stderr)


class DeploysADigest(MotoTestCase):
    def test_first_deploy_then_an_update_that_ecs_does_not_roll_out(self):
        first = self.push_image("0.1.0-g1111111")
        r = self.run_deploy(f"{REPO}@{first}", "--skip-task-digest-check")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        record = json.loads(r.stdout.strip().splitlines()[-1])
        self.assertEqual(record["digest"], first)
        self.assertIn("rolloutState COMPLETED", r.stdout)

        td = self.ecs.describe_task_definition(taskDefinition=record["task_definition"])
        container = td["taskDefinition"]["containerDefinitions"][0]
        self.assertEqual(container["image"], f"{REPO}@{first}")
        self.assertEqual(container["stopTimeout"], 120)
        self.assertIn("http://127.0.0.1:8080/livez", container["healthCheck"]["command"])
        service = self.ecs.describe_services(cluster="prod", services=["api"])["services"][0]
        self.assertEqual(service["taskDefinition"], record["task_definition"])
        self.assertEqual(service["desiredCount"], 2)

        # Second release: a new revision is registered and the service points at it, but moto
        # keeps reporting the first deployment as PRIMARY. That is exactly what a circuit-breaker
        # rollback looks like, and the script must call it a failure, not "stable".
        second = self.push_image("0.1.0-g2222222")
        r = self.run_deploy(f"{REPO}@{second}", "--skip-task-digest-check")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("PRIMARY deployment runs", r.stderr)
        arns = self.task_definition_arns()
        self.assertEqual(len(arns), 2)
        self.assertTrue(arns[-1].endswith(":2"), arns)
        service = self.ecs.describe_services(cluster="prod", services=["api"])["services"][0]
        self.assertEqual(service["taskDefinition"], arns[-1])
        td = self.ecs.describe_task_definition(taskDefinition=arns[-1])["taskDefinition"]
        self.assertEqual(td["containerDefinitions"][0]["image"], f"{REPO}@{second}")

    def test_without_running_tasks_nothing_proves_the_digest(self):
        digest = self.push_image("0.1.0-g3333333")
        r = self.run_deploy(f"{REPO}@{digest}", service="api-digest-check")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("lists no RUNNING task", r.stderr)


def deployment(taskdef, status="PRIMARY", state="COMPLETED", running=2, desired=2, pending=0):
    return {"taskDefinition": taskdef, "status": status, "rolloutState": state,
            "rolloutStateReason": "", "runningCount": running, "desiredCount": desired,
            "pendingCount": pending, "failedTasks": 0}


class Evaluate(unittest.TestCase):
    NEW, OLD = "arn:td/api:8", "arn:td/api:7"

    def verdict(self, *deployments):
        return ecs_deploy.evaluate({"deployments": list(deployments)}, self.NEW)[0]

    def test_completed_with_nothing_else_running_is_done(self):
        self.assertEqual(self.verdict(deployment(self.NEW)), "done")

    def test_in_progress_or_old_tasks_left_waits(self):
        self.assertEqual(self.verdict(deployment(self.NEW, state="IN_PROGRESS", running=1)), "wait")
        self.assertEqual(self.verdict(deployment(self.NEW),
                                      deployment(self.OLD, status="ACTIVE", running=1)), "wait")
        self.assertEqual(self.verdict(deployment(self.NEW),
                                      deployment(self.OLD, status="ACTIVE", running=0)), "done")

    def test_breaker_failure_and_rollback_fail(self):
        self.assertEqual(self.verdict(deployment(self.NEW, state="FAILED")), "failed")
        self.assertEqual(self.verdict(deployment(self.OLD)), "failed")  # rolled back: stable!


class FakeClock:
    def __init__(self):
        self.t = 0.0

    def monotonic(self):
        return self.t

    def sleep(self, seconds):
        self.t += seconds


class WaitForRollout(unittest.TestCase):
    class Ecs:
        def __init__(self, answers):
            self.answers = answers

        def describe_services(self, **_):
            answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
            return {"services": [{"deployments": answer}]}

    def test_waits_through_in_progress_until_completed(self):
        new = "arn:td/api:8"
        ecs = self.Ecs([[deployment(new, state="IN_PROGRESS", running=0)],
                        [deployment(new), deployment("arn:td/api:7", status="ACTIVE")],
                        [deployment(new)]])
        ecs_deploy.wait_for_rollout(ecs, "c", "s", new, timeout=60, poll=15, clock=FakeClock())

    def test_times_out_when_never_completed(self):
        ecs = self.Ecs([[deployment("arn:td/api:8", state="IN_PROGRESS", running=1)]])
        with self.assertRaises(ecs_deploy.Failed) as e:
            ecs_deploy.wait_for_rollout(ecs, "c", "s", "arn:td/api:8", timeout=60, poll=15,
                                        clock=FakeClock())
        self.assertIn("timed out after 60s", str(e.exception))


class Release(unittest.TestCase):
    """scripts/release --dry-run in a throwaway git repository (no docker needed)."""

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        os.makedirs(os.path.join(self.dir, "scripts"))
        shutil.copy(RELEASE, os.path.join(self.dir, "scripts", "release"))
        with open(os.path.join(self.dir, "VERSION"), "w") as f:
            f.write("0.3.1\n")
        self.env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
                        GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t", GIT_CONFIG_GLOBAL="/dev/null")
        self.env.pop("GITHUB_OUTPUT", None)
        for cmd in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "v"]):
            subprocess.run(["git", *cmd], cwd=self.dir, env=self.env, check=True)
        self.sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=self.dir, env=self.env,
                                  capture_output=True, text=True, check=True).stdout.strip()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def release(self, *args):
        return subprocess.run([os.path.join(self.dir, "scripts", "release"), "--dry-run", *args],
                              cwd=self.dir, env=self.env, capture_output=True, text=True, timeout=60)

    def test_clean_tree_tag_is_version_and_revision(self):
        r = self.release("--repository", "registry.test/content-swarm")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(self.dir, "out", "release.json"), encoding="utf-8") as f:
            record = json.load(f)
        self.assertEqual(record["tag"], f"0.3.1-g{self.sha[:12]}")
        self.assertEqual(record["git_sha"], self.sha)
        self.assertFalse(record["dirty"])
        self.assertIn(f"--build-arg GIT_SHA={self.sha}", r.stdout)
        self.assertNotIn("latest", r.stdout)

    def test_dirty_tree_is_refused_unless_allowed(self):
        with open(os.path.join(self.dir, "VERSION"), "a") as f:
            f.write("\n")
        r = self.release()
        self.assertEqual(r.returncode, 1)
        self.assertIn("uncommitted changes", r.stderr)
        r = self.release("--allow-dirty")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"0.3.1-g{self.sha[:12]}-dirty.", r.stdout)

    def test_bad_repository_is_usage(self):
        for repo in ("registry.test/content-swarm:latest", "Bad Repo"):
            self.assertEqual(self.release("--repository", repo).returncode, 2, repo)
        self.assertEqual(self.release("--push", "--repository", "content-swarm").returncode, 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
