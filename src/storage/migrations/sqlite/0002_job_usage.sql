-- Language-model use per job, summed over every run of the job (a requeued job's earlier calls
-- were real spend too).
ALTER TABLE jobs ADD COLUMN usage_input_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN usage_output_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN usage_cost_usd REAL NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN usage_model_calls INTEGER NOT NULL DEFAULT 0;
