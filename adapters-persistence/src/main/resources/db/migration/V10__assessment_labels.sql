-- What a survey is called to participants: a label in any language and one per language, as a JSON
-- object {"en": "…", "es": "…"} (at most 8 labels of 200 characters). Surveys from before have
-- neither and are shown under their name.
ALTER TABLE assessments ADD COLUMN label VARCHAR(200);
ALTER TABLE assessments ADD COLUMN labels VARCHAR(4000);
