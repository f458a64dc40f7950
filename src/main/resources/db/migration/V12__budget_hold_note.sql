-- What the gateway held a budget for (model, endpoint, caller), opaque to the budgets module: a hold that
-- expires because its instance stopped mid-request becomes that request's usage record (DESIGN guarantee 2).
alter table budget_holds add column request_note varchar(1000);
