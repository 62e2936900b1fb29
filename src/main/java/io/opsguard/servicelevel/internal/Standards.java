package io.opsguard.servicelevel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.servicelevel.RealtimeRequirement;
import io.opsguard.servicelevel.SystemImpact;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The standards as data ({@code servicelevel/standards.json}): the five guarantee levels and the
 * service-content matrix of HS/T 42 Table 1 with its recovery deadlines, and the four service
 * grades of GB/T 34077.3 §5.3.6.
 */
@Component
public class Standards {

	static final String RESOURCE = "servicelevel/standards.json";

	private final Data data;

	Standards(ObjectMapper json) {
		try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
			this.data = json.readValue(in, Data.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public List<GuaranteeLevel> levels() {
		return this.data.guaranteeLevels();
	}

	public Optional<GuaranteeLevel> level(int level) {
		return this.data.guaranteeLevels().stream().filter(l -> l.level() == level).findFirst();
	}

	public List<ServiceItem> items() {
		return this.data.items();
	}

	public List<ServiceGrade> grades() {
		return this.data.serviceGrades();
	}

	public Optional<ServiceGrade> grade(int grade) {
		return this.data.serviceGrades().stream().filter(g -> g.grade() == grade).findFirst();
	}

	/** Where the data comes from: the standards' numbers, titles and clauses. */
	public String source(Locale locale) {
		return en(locale) ? this.data.sourceEn() : this.data.sourceZh();
	}

	record Data(String sourceZh, String sourceEn, List<GuaranteeLevel> guaranteeLevels, List<ServiceItem> items,
			List<ServiceGrade> serviceGrades) {
	}

	/** A guarantee level (HS/T 4.1.x): its service hours, recovery deadline and characteristics. */
	public record GuaranteeLevel(int level, String nameZh, String nameEn, String serviceHours, String recovery,
			RealtimeRequirement realtime, SystemImpact impact, String contentZh, String contentEn,
			String characteristicsZh, String characteristicsEn) {

		public String name(Locale locale) {
			return en(locale) ? this.nameEn : this.nameZh;
		}

	}

	/** How a matrix item is checked against what is recorded. */
	public enum Check {

		COMPONENTS, STANDBY_HOT, STANDBY_WARM, STANDBY_COLD, BACKUP, SYSTEM_MONITORING, PERFORMANCE,
		APPLICATION_MONITORING, POLICY, ROUND_THE_CLOCK, REPORTS, RECOVERY, BUSINESS_PARTY_7X24

	}

	/** A row of HS/T 42 Table 1: the levels that require it (◆). */
	public record ServiceItem(String code, Check check, List<Integer> levels, String groupZh, String groupEn,
			String nameZh, String nameEn) {

		public boolean requiredAt(int level) {
			return this.levels.contains(level);
		}

		public String name(Locale locale) {
			return en(locale) ? this.nameEn : this.nameZh;
		}

		public String group(Locale locale) {
			return en(locale) ? this.groupEn : this.groupZh;
		}

	}

	/** A service grade of GB/T 34077.3 §5.3.6; {@code response}/{@code onSite} null: resident, immediate. */
	public record ServiceGrade(int grade, String acceptanceHours, String response, String onSite, String recovery,
			String responseZh, String responseEn, String onSiteZh, String onSiteEn, String sparesZh, String sparesEn,
			String inspectionZh, String inspectionEn, String supportZh, String supportEn) {
	}

	public static boolean en(Locale locale) {
		return locale != null && locale.getLanguage().equals("en");
	}

}
