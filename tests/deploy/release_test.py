#!/usr/bin/env python3
"""scripts/release's refusals and records, and deploy/render's digest rule.

Release runs in a throwaway git repository with stand-ins for the slow parts it drives: a fake
scripts/image (build writes an image id, smoke passes or fails as the case says) and fake
buildah/podman on PATH that log every call. What is checked is release's own logic: an image
whose build or smoke run failed is never tagged or pushed, is removed, and leaves no record; a
passing one is tagged, its digest recorded and the deploy definitions rendered with it. The real
build and smoke run are the release_image test (tests/image).
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RENDER = os.path.join(ROOT, "deploy", "render")
DIGEST = "sha256:" + "5e" * 32
PUSHED_DIGEST = "sha256:" + "7a" * 32

FAKE_IMAGE = r"""#!/usr/bin/env bash
echo "scripts/image $*" >> "$FAKE_LOG"
case "$1" in
  build)
    [ "${FAKE_BUILD_RC:-0}" = 0 ] || { echo "compile error" >&2; exit 1; }
    while [ $# -gt 0 ]; do
      if [ "$1" = --iidfile ]; then echo sha256:1111111111111111 > "$2"; fi
      shift
    done
    echo sha256:1111111111111111 ;;
  smoke)
    [ "${FAKE_SMOKE_RC:-0}" = 0 ] || { echo "image-smoke: FAILED: not ready" >&2; exit 1; }
    while [ $# -gt 0 ]; do
      if [ "$1" = --report ]; then echo '{"ready_ms": 300, "job_ms": 800}' > "$2"; fi
      shift
    done ;;
esac
"""

FAKE_TOOL = r"""#!/usr/bin/env bash
echo "$(basename "$0") $*" >> "$FAKE_LOG"
if [ "$(basename "$0")" = podman ]; then
  case "$1" in
    push)
      [ "$2" = --digestfile ] && echo "$FAKE_PUSHED_DIGEST" > "$3" ;;
    image)
      echo "$FAKE_DIGEST" ;;
  esac
fi
"""


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, mode)


class Release(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        os.makedirs(os.path.join(self.dir, "scripts"))
        shutil.copy(os.path.join(ROOT, "scripts", "release"), os.path.join(self.dir, "scripts"))
        shutil.copytree(os.path.join(ROOT, "deploy"), os.path.join(self.dir, "deploy"))
        write(os.path.join(self.dir, "scripts", "image"), FAKE_IMAGE, 0o755)
        write(os.path.join(self.dir, "VERSION"), "1.4.0\n")
        self.bin = os.path.join(self.dir, "fakebin")
        for tool in ("buildah", "podman"):
            write(os.path.join(self.bin, tool), FAKE_TOOL, 0o755)
        self.log = os.path.join(self.dir, "calls.log")
        self.env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
                        GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t",
                        GIT_CONFIG_GLOBAL="/dev/null", FAKE_LOG=self.log, FAKE_DIGEST=DIGEST,
                        FAKE_PUSHED_DIGEST=PUSHED_DIGEST,
                        PATH=self.bin + os.pathsep + os.environ["PATH"])
        self.env.pop("GITHUB_OUTPUT", None)
        write(os.path.join(self.dir, ".gitignore"), "fakebin/\ncalls.log\nout/\n")
        for cmd in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "v"]):
            subprocess.run(["git", *cmd], cwd=self.dir, env=self.env, check=True)
        self.sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=self.dir, env=self.env,
                                  capture_output=True, text=True, check=True).stdout.strip()
        self.record = os.path.join(self.dir, "out", "release.json")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def release(self, *args, **env):
        return subprocess.run([os.path.join(self.dir, "scripts", "release"), *args], cwd=self.dir,
                              env=dict(self.env, **env), capture_output=True, text=True,
                              timeout=60)

    def calls(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log, encoding="utf-8") as f:
            return f.read().splitlines()

    def assert_nothing_published(self):
        calls = self.calls()
        self.assertFalse([c for c in calls if c.startswith(("buildah tag", "podman push"))], calls)
        self.assertFalse(os.path.exists(self.record), "a failed release wrote a record")
        self.assertFalse(os.path.exists(os.path.join(self.dir, "out", "deploy")))

    def test_failed_smoke_run_is_never_tagged_or_pushed(self):
        r = self.release("--push", "--repository", "registry.test/team/content-swarm",
                         FAKE_SMOKE_RC="1")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("smoke run", r.stderr)
        self.assertIn("not tagged or pushed", r.stderr)
        self.assert_nothing_published()
        # The untested image is removed, so nobody can tag it by hand later.
        self.assertIn("buildah rmi sha256:1111111111111111", self.calls())

    def test_failed_build_is_never_smoked_tagged_or_pushed(self):
        r = self.release("--push", "--repository", "registry.test/team/content-swarm",
                         FAKE_BUILD_RC="1")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("build failed", r.stderr)
        self.assertFalse([c for c in self.calls() if c.startswith("scripts/image smoke")])
        self.assert_nothing_published()

    def test_pushed_release_records_the_registry_digest_and_renders_it(self):
        repo = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/content-swarm"
        r = self.release("--push", "--repository", repo)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        calls = self.calls()
        tag = f"1.4.0-g{self.sha[:12]}"
        # Order: build, smoke, then tag, then push.
        order = [c.split()[0] + " " + c.split()[1] for c in calls
                 if c.startswith(("scripts/image build", "scripts/image smoke", "buildah tag",
                                  "podman push"))]
        self.assertEqual(order, ["scripts/image build", "scripts/image smoke", "buildah tag",
                                 "podman push"])
        self.assertIn(f"buildah tag sha256:1111111111111111 {repo}:{tag}", calls)
        self.assertTrue(any(f"--expect {self.sha}" in c for c in calls), calls)
        with open(self.record, encoding="utf-8") as f:
            record = json.load(f)
        self.assertEqual(record["digest"], PUSHED_DIGEST)
        self.assertEqual(record["image_ref"], f"{repo}@{PUSHED_DIGEST}")
        self.assertEqual(record["smoke"], {"ready_ms": 300, "job_ms": 800})
        self.assertEqual(record["git_sha"], self.sha)
        self.assert_rendered(os.path.join(self.dir, "out", "deploy"), record["image_ref"])

    def test_local_release_records_the_local_digest(self):
        r = self.release()
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertFalse([c for c in self.calls() if c.startswith("podman push")])
        with open(self.record, encoding="utf-8") as f:
            record = json.load(f)
        self.assertEqual(record["image_ref"], f"content-swarm@{DIGEST}")
        self.assertFalse(record["pushed"])
        self.assert_rendered(os.path.join(self.dir, "out", "deploy"), record["image_ref"])

    def assert_rendered(self, out, ref):
        files = {}
        for d, _, names in os.walk(out):
            for n in names:
                with open(os.path.join(d, n), encoding="utf-8") as f:
                    files[os.path.relpath(os.path.join(d, n), out)] = f.read()
        for name in ("compose.yaml", "k8s/deployment.yaml", "k8s/deployment-worker.yaml",
                     "ecs/task-definition.json.tmpl", "ecs/task-definition-worker.json.tmpl"):
            self.assertIn(ref, files[name], name)
        for name, text in files.items():
            for placeholder in ("${IMAGE}", "${IMAGE_DIGEST}", "${CONTENT_SWARM_IMAGE",
                                "sha256:" + "0" * 64):
                self.assertNotIn(placeholder, text, name)
        self.assertIn("digest: " + ref.split("@")[1], files["k8s/kustomization.yaml"])
        r = subprocess.run([RENDER, "--check", out], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)


class Render(unittest.TestCase):
    """deploy/render: digests only, in every definition format."""

    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def render(self, *args):
        return subprocess.run([RENDER, *args], capture_output=True, text=True, timeout=60)

    def test_sources_reference_the_image_by_digest_or_placeholder_only(self):
        r = self.render("--check", os.path.join(ROOT, "deploy"), "--sources")
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_unrendered_sources_are_not_deployable(self):
        r = self.render("--check", os.path.join(ROOT, "deploy"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("placeholder digest", r.stderr)

    def test_every_tag_form_is_refused_as_the_image(self):
        good = "sha256:" + "c3" * 32
        bad = ["content-swarm:1.4.0", "registry.test/content-swarm:latest",
               f"registry.test/content-swarm:1.4.0@{good}", "registry.test/content-swarm",
               "registry.test/content-swarm@sha256:" + "c3" * 31,
               "registry.test/content-swarm@sha256:" + "C3" * 32,
               "registry.test/content-swarm@sha1:" + "c3" * 20,
               "registry.test/content-swarm@sha256:" + "0" * 64, "", "@" + good]
        for ref in bad:
            r = self.render("--image", ref, "--out", os.path.join(self.dir, "out"))
            self.assertEqual(r.returncode, 2, ref)
            self.assertIn("--image", r.stderr, ref)
        for ref in (f"content-swarm@{good}", f"registry.test:5000/team/content-swarm@{good}"):
            r = self.render("--image", ref, "--out", os.path.join(self.dir, "out"))
            self.assertEqual(r.returncode, 0, ref + r.stderr)

    def test_a_tag_planted_in_any_definition_is_found(self):
        ref = "registry.test/content-swarm@sha256:" + "d4" * 32
        out = os.path.join(self.dir, "out")
        self.assertEqual(self.render("--image", ref, "--out", out).returncode, 0)
        plants = {"compose.yaml": ref, "k8s/deployment.yaml": ref,
                  "k8s/deployment-worker.yaml": ref, "ecs/task-definition.json.tmpl": ref,
                  "ecs/task-definition-worker.json.tmpl": ref,
                  "k8s/kustomization.yaml": "sha256:" + "d4" * 32}
        for tagged in ("registry.test/content-swarm:1.4.0", "registry.test/content-swarm:latest",
                       "registry.test/content-swarm:v2-rc1"):
            for name, old in plants.items():
                planted = os.path.join(self.dir, "planted")
                shutil.rmtree(planted, ignore_errors=True)
                shutil.copytree(out, planted)
                path = os.path.join(planted, name)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                new = "latest" if name.endswith("kustomization.yaml") else tagged
                self.assertIn(old, text, name)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text.replace(old, new, 1))
                r = self.render("--check", planted)
                self.assertEqual(r.returncode, 1, f"{name} with {new}")
                self.assertRegex(r.stderr, re.escape(name), f"{name} with {new}")


if __name__ == "__main__":
    unittest.main(verbosity=2)
