package io.opsguard.cmdb.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.Importance;
import io.opsguard.cmdb.RelationType;
import io.opsguard.cmdb.StandbyMode;
import io.opsguard.cmdb.internal.CiHistory.Action;
import io.opsguard.cmdb.internal.CiService.CiInput;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.DataScope;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Organisations.OrganisationView;
import io.opsguard.identity.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A realistic demonstration CMDB, switched on with {@code --opsguard.demo=true}: a provincial
 * procuratorate with subordinate bodies, the 17 business systems of its O&M contract (seed 001
 * §3.1), and the machine room, network, servers, virtual machines, databases (Oracle, 达梦) and
 * middleware they run on. Created once; restarting with the switch on changes nothing.
 */
@Component
@ConditionalOnProperty(name = "opsguard.demo", havingValue = "true")
class CmdbDemoData {

	static final String MARKER = "DEMO-BS-01";

	private static final Logger log = LoggerFactory.getLogger(CmdbDemoData.class);

	private final Organisations organisations;

	private final Users users;

	private final CiService cis;

	private final CiStore store;

	private final ClassCatalog catalog;

	private final RelationService relations;

	private final TransactionTemplate transactions;

	private final Map<String, Long> ids = new HashMap<>();

	private CurrentUser operator;

	private long province;

	CmdbDemoData(Organisations organisations, Users users, CiService cis, CiStore store, ClassCatalog catalog,
			RelationService relations, TransactionTemplate transactions) {
		this.organisations = organisations;
		this.users = users;
		this.cis = cis;
		this.store = store;
		this.catalog = catalog;
		this.relations = relations;
		this.transactions = transactions;
	}

	@EventListener(ApplicationReadyEvent.class)
	public void load() {
		if (this.store.findByCode(MARKER).isPresent()) {
			return;
		}
		var admin = this.users.findByUsername("admin").orElse(null);
		if (admin == null) {
			return;
		}
		this.operator = new CurrentUser(admin.id(), admin.username(), admin.displayName(), admin.organisationId(),
				Set.of(), DataScope.everything(), false);
		// the load is the first-start administrator's work: the audit log and the CIs' history both say so
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(this.operator, null, List.of()));
		SecurityContextHolder.setContext(context);
		try {
			loadAsOperator();
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
		log.info("Demo data loaded: {} configuration items", this.ids.size());
	}

	private void loadAsOperator() {
		this.transactions.executeWithoutResult(tx -> {
			OrganisationView root = this.organisations.path(this.operator.organisationId()).get(0);
			this.province = this.organisations.ensure(root.code(), "DEMO-PROV", "省人民检察院", "AGENCY").id();
			this.organisations.ensure("DEMO-PROV", "DEMO-PROV-IT", "省院信息中心", "DEPARTMENT");
			this.organisations.ensure("DEMO-PROV", "DEMO-PROV-CASE", "省院案件管理办公室", "DEPARTMENT");
			String[][] cities = { { "DEMO-CS", "长沙市人民检察院" }, { "DEMO-ZZ", "株洲市人民检察院" }, { "DEMO-XT", "湘潭市人民检察院" },
					{ "DEMO-HY", "衡阳市人民检察院" } };
			for (String[] city : cities) {
				this.organisations.ensure("DEMO-PROV", city[0], city[1], "SUBORDINATE");
			}
			this.organisations.ensure(root.code(), "DEMO-OM", "运维服务商（驻场）", "SERVICE_PROVIDER");
			infrastructure();
			platforms();
			businessSystems(cities);
		});
	}

	private void infrastructure() {
		ci("ROOM", "MACHINE_ROOM", "省院主机房", Importance.CORE, Map.of("address", "省院办公楼 5 楼"));
		for (String rack : List.of("A01", "A02", "B01")) {
			ci("RACK-" + rack, "RACK", "机柜 " + rack, Importance.KEY, Map.of("heightU", 42));
			relate(RelationType.CONTAINS, "ROOM", "RACK-" + rack);
		}
		ci("UPS", "UPS", "UPS 电源（山特 200kVA）", Importance.CORE, Map.of("capacityKva", 200));
		ci("AC", "AIR_CONDITIONER", "精密空调", Importance.KEY, Map.of("coolingKw", 60));
		relate(RelationType.CONTAINS, "ROOM", "UPS");
		relate(RelationType.CONTAINS, "ROOM", "AC");
		ci("PDU", "POWER_DISTRIBUTION", "低压配电柜", Importance.CORE, Map.of("serviceProvider", "省电力公司"));
		relate(RelationType.CONTAINS, "ROOM", "PDU");
		ci("CORE-SW1", "SWITCH", "核心交换机 1（华为 CE12808）", Importance.CORE, Map.of("managementIp", "10.10.0.1"));
		ci("CORE-SW2", "SWITCH", "核心交换机 2（华为 CE12808）", Importance.CORE, Map.of("managementIp", "10.10.0.2"));
		ci("ACC-SW1", "SWITCH", "服务器区接入交换机", Importance.KEY, Map.of("managementIp", "10.10.0.11"));
		ci("FW1", "FIREWALL", "边界防火墙（天融信）", Importance.CORE, Map.of("managementIp", "10.10.0.254"));
		ci("LB1", "LOAD_BALANCER", "负载均衡（深信服 AD）", Importance.KEY, Map.of("managementIp", "10.10.0.100"));
		ci("LINK-JC", "LINK", "检察专网专线", Importance.CORE, Map.of("bandwidthMbps", 100, "carrier", "中国电信"));
		ci("LINK-ZW", "LINK", "电子政务外网专线", Importance.KEY, Map.of("bandwidthMbps", 200, "carrier", "中国联通"));
		relate(RelationType.CONTAINS, "RACK-A01", "CORE-SW1");
		relate(RelationType.CONTAINS, "RACK-A02", "CORE-SW2");
		relate(RelationType.STANDBY_OF, "CORE-SW2", "CORE-SW1", StandbyMode.HOT);
		relate(RelationType.CONNECTED_TO, "ACC-SW1", "CORE-SW1");
		relate(RelationType.CONNECTED_TO, "FW1", "CORE-SW1");
		relate(RelationType.CONNECTED_TO, "LB1", "CORE-SW1");
		ci("IPS1", "IPS", "入侵防御系统（绿盟 NIPS）", Importance.KEY, Map.of("managementIp", "10.10.0.253"));
		relate(RelationType.CONTAINS, "RACK-A01", "IPS1");
		relate(RelationType.CONNECTED_TO, "IPS1", "FW1");
		relate(RelationType.DEPENDS_ON, "FW1", "LINK-JC");
		relate(RelationType.DEPENDS_ON, "FW1", "LINK-ZW");
		ci("ARRAY", "DISK_ARRAY", "磁盘阵列（华为 OceanStor 5500）", Importance.CORE,
				Map.of("capacityTb", 120, "managementIp", "10.10.2.10"));
		ci("TAPE", "TAPE_LIBRARY", "磁带库（IBM TS4300）", Importance.KEY, Map.of("capacityTb", 300));
		relate(RelationType.CONTAINS, "RACK-B01", "ARRAY");
		relate(RelationType.CONTAINS, "RACK-B01", "TAPE");
		relate(RelationType.CONNECTED_TO, "ARRAY", "ACC-SW1");
		for (int i = 1; i <= 8; i++) {
			String key = "SRV" + i;
			ci(key, "PHYSICAL_SERVER", String.format(Locale.ROOT, "物理服务器 %02d（浪潮 NF5280）", i), i <= 4 ? Importance.CORE : Importance.KEY,
					Map.of("hostname", String.format(Locale.ROOT, "prov-srv%02d", i), "ip", "10.10.1." + (10 + i), "cpuCores", 64,
							"memoryGb", 512));
			relate(RelationType.CONTAINS, i <= 4 ? "RACK-A01" : "RACK-A02", key);
			relate(RelationType.CONNECTED_TO, key, "ACC-SW1");
			relate(RelationType.DEPENDS_ON, key, "ARRAY");
		}
		relate(RelationType.STANDBY_OF, "SRV2", "SRV1", StandbyMode.HOT);
		relate(RelationType.STANDBY_OF, "SRV6", "SRV5", StandbyMode.WARM);
		relate(RelationType.STANDBY_OF, "SRV8", "SRV7", StandbyMode.COLD);
		ci("ENV-PROD", "ENVIRONMENT", "生产环境", Importance.CORE, Map.of("environmentType", "PROD"));
		ci("ENV-TEST", "ENVIRONMENT", "测试环境", Importance.GENERAL, Map.of("environmentType", "TEST"));
	}

	private void platforms() {
		for (int i = 1; i <= 12; i++) {
			String key = "VM" + i;
			String host = "SRV" + (i <= 6 ? 3 : 4);
			ci(key, "VIRTUAL_MACHINE", String.format(Locale.ROOT, "虚拟机 app%02d", i), i <= 8 ? Importance.CORE : Importance.KEY,
					Map.of("hostname", String.format(Locale.ROOT, "app%02d", i), "ip", "10.10.3." + (10 + i), "cpuCores", 8,
							"memoryGb", 32, "platform", "华为 FusionCompute"));
			relate(RelationType.RUNS_ON, key, host);
			relate(RelationType.RUNS_ON, key, i <= 10 ? "ENV-PROD" : "ENV-TEST");
		}
		ci("ORA-1", "DATABASE", "Oracle 11g RAC 节点 1", Importance.CORE, Map.of("dbType", "ORACLE", "port", 1521,
				"instanceName", "tyyw1", "softwareVersion", "11.2.0.4"));
		ci("ORA-2", "DATABASE", "Oracle 11g RAC 节点 2", Importance.CORE, Map.of("dbType", "ORACLE", "port", 1521,
				"instanceName", "tyyw2", "softwareVersion", "11.2.0.4"));
		relate(RelationType.RUNS_ON, "ORA-1", "SRV1");
		relate(RelationType.RUNS_ON, "ORA-2", "SRV2");
		relate(RelationType.STANDBY_OF, "ORA-2", "ORA-1", StandbyMode.HOT);
		ci("DM-1", "DATABASE", "达梦 DM8 主库", Importance.CORE, Map.of("dbType", "DM", "port", 5236, "softwareVersion", "8.1"));
		ci("DM-2", "DATABASE", "达梦 DM8 备库", Importance.KEY, Map.of("dbType", "DM", "port", 5236, "softwareVersion", "8.1"));
		relate(RelationType.RUNS_ON, "DM-1", "SRV5");
		relate(RelationType.RUNS_ON, "DM-2", "SRV6");
		relate(RelationType.STANDBY_OF, "DM-2", "DM-1", StandbyMode.WARM);
		relate(RelationType.BACKS_UP, "TAPE", "ORA-1");
		relate(RelationType.BACKS_UP, "TAPE", "DM-1");
		for (int i = 1; i <= 4; i++) {
			ci("TW" + i, "MIDDLEWARE", "东方通 TongWeb " + i, Importance.CORE,
					Map.of("middlewareType", "TONGWEB", "port", 9060, "softwareVersion", "7.0"));
			relate(RelationType.RUNS_ON, "TW" + i, "VM" + i);
		}
		ci("NGX1", "MIDDLEWARE", "Nginx 反向代理", Importance.KEY, Map.of("middlewareType", "NGINX", "port", 443));
		relate(RelationType.RUNS_ON, "NGX1", "VM9");
		relate(RelationType.DEPENDS_ON, "NGX1", "LB1");
		ci("OS-KYLIN", "OPERATING_SYSTEM", "银河麒麟 V10", Importance.GENERAL, Map.of("softwareVersion", "V10 SP3"));
	}

	private void businessSystems(String[][] cities) {
		String[][] systems = {
				// name, category, business party, technical authority, application support, go-live, runs on, database
				{ "统一业务应用软件", "SUPREME", "案件管理办公室", "最高人民检察院", "false", "2014-01-01", "TW1", "ORA-1" },
				{ "案件信息公开系统", "SUPREME", "案件管理办公室", "最高人民检察院", "false", "2014-10-01", "TW2", "ORA-1" },
				{ "网上信访系统", "SUPREME", "控告申诉检察部", "最高人民检察院", "false", "2015-03-01", "TW2", "DM-1" },
				{ "AJ1203 统计系统", "SUPREME", "案件管理办公室", "最高人民检察院", "false", "2013-07-01", "TW3", "ORA-1" },
				{ "电子卷宗应用系统", "SUPREME", "案件管理办公室", "最高人民检察院", "false", "2016-05-01", "TW3", "ORA-1" },
				{ "案件信息公开系统（微信版）", "SUPREME", "新闻宣传处", "最高人民检察院", "false", "2017-01-01", "NGX1", "DM-1" },
				{ "统一业务应用软件统计子功能", "SUPREME", "案件管理办公室", "最高人民检察院", "false", "2015-01-01", "TW1", "ORA-1" },
				{ "统一业务应用软件执检模块", "SUPREME", "刑事执行检察部", "最高人民检察院", "false", "2016-01-01", "TW1", "ORA-1" },
				{ "全国检察机关队伍管理系统", "SUPREME", "政治部", "最高人民检察院", "false", "2015-09-01", "TW4", "DM-1" },
				{ "数据交换平台", "SUPREME", "信息中心", "最高人民检察院", "true", "2014-01-01", "TW4", "ORA-1" },
				{ "案件管理系统", "PROVINCIAL", "案件管理办公室", "省院信息中心", "false", "2018-03-01", "TW2", "DM-1" },
				{ "行贿犯罪档案查询系统", "PROVINCIAL", "职务犯罪检察部", "省院信息中心", "false", "2012-06-01", "TW3", "DM-1" },
				{ "政务系统", "PROVINCIAL", "办公室", "省院信息中心", "false", "2016-08-01", "TW4", "DM-1" },
				{ "信息发布系统", "PROVINCIAL", "新闻宣传处", "省院信息中心", "false", "2015-05-01", "NGX1", "DM-1" },
				{ "安全邮件系统", "PROVINCIAL", "办公室", "省院信息中心", "true", "2013-01-01", "TW4", "DM-1" },
				{ "全文检索系统", "PROVINCIAL", "信息中心", "省院信息中心", "true", "2017-06-01", "TW3", "DM-1" },
				{ "工作日志管理系统", "PROVINCIAL", "办公室", "省院信息中心", "false", "2018-01-01", "TW4", "DM-1" } };
		for (int i = 0; i < systems.length; i++) {
			String[] s = systems[i];
			String key = String.format(Locale.ROOT, "BS-%02d", i + 1);
			Map<String, Object> attributes = new LinkedHashMap<>();
			attributes.put("category", s[1]);
			attributes.put("businessParty", s[2]);
			attributes.put("technicalAuthority", s[3]);
			attributes.put("technicalUndertaker", "省院信息中心");
			attributes.put("omParty", "运维服务商（驻场）");
			attributes.put("applicationSupport", Boolean.parseBoolean(s[4]));
			attributes.put("goLiveDate", s[5]);
			ci(key, "BUSINESS_SYSTEM", s[0], i < 10 ? Importance.CORE : Importance.KEY, attributes);
			relate(RelationType.RUNS_ON, key, s[6]);
			relate(RelationType.DEPENDS_ON, key, s[7]);
		}
		relate(RelationType.CONTAINS, "BS-01", fn("BS-01-F1", "统一业务应用软件 · 办案功能"));
		relate(RelationType.CONTAINS, "BS-01", fn("BS-01-F2", "统一业务应用软件 · 流程监控"));
		for (String supported : List.of("BS-01", "BS-02", "BS-04", "BS-05", "BS-11")) {
			relate(RelationType.SUPPORTS, "BS-10", supported);
		}
		relate(RelationType.SUPPORTS, "BS-16", "BS-05");
		relate(RelationType.SUPPORTS, "BS-15", "BS-13");
		relate(RelationType.DEPENDS_ON, "BS-07", "BS-01");
		relate(RelationType.DEPENDS_ON, "BS-08", "BS-01");
		relate(RelationType.DEPENDS_ON, "BS-06", "BS-02");
		// each subordinate body has a local server for the systems it runs on site
		for (String[] city : cities) {
			long organisation = this.organisations.findByCode(city[0]).orElseThrow().id();
			String key = city[0] + "-SRV";
			ciIn(key, organisation, "PHYSICAL_SERVER", city[1] + "本地服务器", Importance.KEY,
					Map.of("hostname", city[0].toLowerCase(Locale.ROOT) + "-srv01", "cpuCores", 32, "memoryGb", 128));
			relate(RelationType.DEPENDS_ON, key, "LINK-JC");
		}
	}

	private String fn(String key, String name) {
		ci(key, "APPLICATION_FUNCTION", name, Importance.KEY, Map.of());
		return key;
	}

	private void ci(String key, String classCode, String name, Importance importance, Map<String, Object> attributes) {
		ciIn(key, this.province, classCode, name, importance, attributes);
	}

	private void ciIn(String key, long organisation, String classCode, String name, Importance importance,
			Map<String, Object> attributes) {
		long classId = this.catalog.findByCode(classCode).orElseThrow().id();
		String code = key.startsWith("DEMO-") ? key : "DEMO-" + key;
		boolean physical = this.catalog.physical(classId);
		CiInput input = new CiInput(code, name, organisation, this.operator.id(), CiStatus.IN_USE, importance,
				physical ? "省院主机房" : null, null, null, null, null, List.of(), new ArrayList<>(List.of("演示")), null,
				attributes, null);
		this.ids.put(key, this.cis.createRecord(this.operator, classId, input, Action.CREATED).id());
	}

	private void relate(RelationType type, String source, String target) {
		relate(type, source, target, null);
	}

	private void relate(RelationType type, String source, String target, StandbyMode mode) {
		this.relations.create(this.operator, new RelationService.RelationInput(type, this.ids.get(source),
				this.ids.get(target), mode, null));
	}

}
