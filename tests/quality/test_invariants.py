"""The quality panel's checker must catch each class of defect and pass clean output: synthetic
runs, one defect at a time, generated over every planted string and slot shape."""

import os
import pathlib
import unittest

import invariants

BINARY = os.environ.get("QUALITY_BINARY", "")


def clean_run():
    items = [
        {"platform": "linkedin", "body": "We open on 3 March. See [the menu](https://x.example).",
         "parts": [], "hashtags": ["#Food"], "media": [{"alt": "A card"}],
         "quality": {"score": 1.0, "issues": []}},
        {"platform": "twitter", "body": "", "hashtags": [], "media": [],
         "parts": [{"body": "1/2 Short post."}, {"body": "2/2 Another one."}],
         "quality": {"score": 0.9, "issues": [{"code": "x.a", "severity": "warning"}]}},
        {"platform": "pitch_deck", "body": "notes may say TODO", "hashtags": [], "media": [],
         "parts": [{"title": "Problem", "bullets": ["Late pay"], "notes": "TODO add more"}],
         "quality": {"score": 1.0, "issues": [{"code": "d.b", "severity": "info"}]}},
    ]
    return {"company": "c", "exit_code": 0, "stderr": "", "result_error": None,
            "planted": ["TODO", "Sam thinks ambitious", "FOR IMMEDIATE RELEASE"],
            "result": {"requested_platforms": ["linkedin", "twitter", "pitch_deck", "x2"],
                       "items": items, "missing_platforms": ["x2"],
                       "notes": ["x2: the writer failed: no material"]}}


class CheckerTest(unittest.TestCase):
    def failures(self, run):
        """check_run, without the X length check (which needs the binary) when there is none."""
        if BINARY:
            return invariants.check_run(BINARY, run)
        found = invariants.check_exit(run) + invariants.check_platforms(run)
        for item in run["result"]["items"]:
            found += invariants.check_texts(run, item) + invariants.check_slides(item)
            found += invariants.check_score(item)
        return found

    def test_clean_output_passes(self):
        self.assertEqual(self.failures(clean_run()), [])

    def test_every_planted_string_anywhere_published_fails(self):
        for planted in clean_run()["planted"]:
            for index, field in [(0, "body"), (0, "hashtags"), (0, "alt"), (2, "bullet"),
                                 (2, "title"), (1, "post")]:
                run = clean_run()
                item = run["result"]["items"][index]
                text = f"Intro {planted.lower()} outro"
                if field == "body":
                    item["body"] = text
                elif field == "hashtags":
                    item["hashtags"] = [text]
                elif field == "alt":
                    item["media"] = [{"alt": text}]
                elif field == "bullet":
                    item["parts"][0]["bullets"].append(text)
                elif field == "title":
                    item["parts"][0]["title"] = text
                else:
                    item["parts"][1]["body"] = text
                with self.subTest(planted=planted, field=field):
                    self.assertTrue(invariants.check_texts(run, item))

    def test_slot_shapes_fail(self):
        for slot in ["[Company name]", "<insert date>", "{product}", "[add the amount]"]:
            run = clean_run()
            run["result"]["items"][0]["body"] = f"Meet {slot} today."
            with self.subTest(slot=slot):
                self.assertTrue(invariants.check_texts(run, run["result"]["items"][0]))

    def test_blank_slide_fails(self):
        for bullets in [[], [""], ["  "]]:
            run = clean_run()
            run["result"]["items"][2]["parts"].append({"title": "Team", "bullets": bullets})
            with self.subTest(bullets=bullets):
                self.assertTrue(invariants.check_slides(run["result"]["items"][2]))

    def test_platform_neither_item_nor_missing_with_reason_fails(self):
        run = clean_run()
        run["result"]["notes"] = []
        self.assertTrue(invariants.check_platforms(run))
        run = clean_run()
        run["result"]["missing_platforms"] = []
        self.assertTrue(invariants.check_platforms(run))

    def test_exit_codes_of_no_finished_job_fail(self):
        for code in [2, 4, 5, -11, 134, "timeout"]:
            run = clean_run()
            run["exit_code"] = code
            with self.subTest(code=code):
                self.assertTrue(invariants.check_exit(run))

    def test_exit_code_must_match_the_job_status(self):
        for status, code in [("succeeded", 0), ("partial", 3), ("failed", 1)]:
            for given in [0, 1, 3]:
                run = clean_run()
                run["result"]["status"] = status
                run["exit_code"] = given
                with self.subTest(status=status, given=given):
                    self.assertEqual(bool(invariants.check_exit(run)), given != code)

    def test_perfect_score_with_warning_or_error_fails(self):
        for severity in ["warning", "error"]:
            item = dict(clean_run()["result"]["items"][0])
            item["quality"] = {"score": 1.0, "issues": [{"code": "c", "severity": severity}]}
            with self.subTest(severity=severity):
                self.assertTrue(invariants.check_score(item))

    @unittest.skipUnless(BINARY and pathlib.Path(BINARY).is_file(), "QUALITY_BINARY not set")
    def test_long_x_post_fails_through_validate(self):
        item = {"platform": "twitter", "parts": [{"body": "word " * 40}, {"body": "w " * 200}]}
        found = invariants.check_x_lengths(BINARY, item)
        self.assertEqual(len(found), 1, found)
        self.assertIn("post 2", found[0][1])


if __name__ == "__main__":
    unittest.main()
