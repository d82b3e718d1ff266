-- A customer's own accounts (GET /v1/accounts/of-customer?customerId=).
create index account_view_customer on account_view (customer_id, iban);
