-- More preset classes named by R-CMDB-01 (power distribution in the machine room, intrusion
-- prevention on the network, information-resource tools among the software), and the service
-- provider of physical assets (R-AST-03). Rules for a class cover its subclasses, so the new classes
-- relate like their parents.
insert into cmdb_class (code, parent_id, name_zh, name_en, built_in, physical, sort_order, created_at, updated_at) values ('POWER_DISTRIBUTION', (select id from cmdb_class where code = 'INFRASTRUCTURE'), '供配电设备', 'Power distribution', true, true, 45, current_timestamp, current_timestamp);
insert into cmdb_class (code, parent_id, name_zh, name_en, built_in, physical, sort_order, created_at, updated_at) values ('IPS', (select id from cmdb_class where code = 'NETWORK'), '入侵防御系统', 'Intrusion prevention system', true, true, 95, current_timestamp, current_timestamp);
insert into cmdb_class (code, parent_id, name_zh, name_en, built_in, physical, sort_order, created_at, updated_at) values ('INFORMATION_RESOURCE_TOOL', (select id from cmdb_class where code = 'SOFTWARE'), '信息资源工具', 'Information-resource tool', true, false, 215, current_timestamp, current_timestamp);

insert into cmdb_attribute (class_id, code, name_zh, name_en, type, required, unique_value, options, pattern, min_value, max_value, built_in, sort_order) values ((select id from cmdb_class where code = 'INFRASTRUCTURE'), 'serviceProvider', '服务商', 'Service provider', 'TEXT', false, false, null, null, null, null, true, 900);
insert into cmdb_attribute (class_id, code, name_zh, name_en, type, required, unique_value, options, pattern, min_value, max_value, built_in, sort_order) values ((select id from cmdb_class where code = 'NETWORK'), 'serviceProvider', '服务商', 'Service provider', 'TEXT', false, false, null, null, null, null, true, 900);
insert into cmdb_attribute (class_id, code, name_zh, name_en, type, required, unique_value, options, pattern, min_value, max_value, built_in, sort_order) values ((select id from cmdb_class where code = 'STORAGE'), 'serviceProvider', '服务商', 'Service provider', 'TEXT', false, false, null, null, null, null, true, 900);
insert into cmdb_attribute (class_id, code, name_zh, name_en, type, required, unique_value, options, pattern, min_value, max_value, built_in, sort_order) values ((select id from cmdb_class where code = 'PHYSICAL_SERVER'), 'serviceProvider', '服务商', 'Service provider', 'TEXT', false, false, null, null, null, null, true, 900);

insert into cmdb_relation_rule (type, source_class_id, target_class_id) select 'CONTAINS', s.id, t.id from cmdb_class s, cmdb_class t where s.code = 'MACHINE_ROOM' and t.code = 'POWER_DISTRIBUTION';
