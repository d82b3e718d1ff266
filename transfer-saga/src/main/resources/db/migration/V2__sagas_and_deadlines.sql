-- The saga store (Axon's JDBC saga store, PostgresSagaSqlSchema) with the indexes Axon does not create itself.
create table sagaentry (
    sagaid          varchar(255) primary key,
    revision        varchar(255),
    sagatype        varchar(255),
    serializedsaga  bytea
);

create table associationvalueentry (
    id                bigserial    primary key,
    associationkey    varchar(255),
    associationvalue  varchar(255),
    sagaid            varchar(255),
    sagatype          varchar(255)
);
create index associationvalueentry_lookup on associationvalueentry (sagatype, associationkey, associationvalue);
create index associationvalueentry_saga on associationvalueentry (sagaid, sagatype);

-- Persistent deadlines: db-scheduler's table (Axon's DbSchedulerDeadlineManager).
create table scheduled_tasks (
    task_name             text                     not null,
    task_instance         text                     not null,
    task_data             bytea,
    execution_time        timestamp with time zone not null,
    picked                boolean                  not null,
    picked_by             text,
    last_success          timestamp with time zone,
    last_failure          timestamp with time zone,
    consecutive_failures  int,
    last_heartbeat        timestamp with time zone,
    version               bigint                   not null,
    priority              smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);
