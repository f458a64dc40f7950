-- Usage anomalies (io.aihub.insights) are raised through the organization budget's alert channels and listed
-- with the budget alerts (alert_type 'anomaly'). An organization without a budget still gets the alert stored
-- (budget_id null, delivered nowhere). incident_id is the anomaly's id ('' for budget alerts), so an
-- organization's and a key's anomaly in the same hour are two alerts; metric says what spiked (cost, requests).
alter table budget_alerts alter column budget_id drop not null;
alter table budget_alerts add column incident_id varchar(40) default '' not null;
alter table budget_alerts add column metric varchar(16);
alter table budget_alerts drop constraint budget_alerts_once;
alter table budget_alerts add constraint budget_alerts_once unique (budget_id, alert_type, threshold, period_start, incident_id);
