package io.opsguard.browser;

import io.opsguard.support.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Self-registration (R-DSK-12) in a real Chromium: on a phone (375×812) a civil servant opens the
 * sign-in page, follows 注册账号, fills in the application (organisation chosen from the list) and
 * sees that it was submitted; the administrator approves it on 注册审核; the new requester signs in
 * with the password they chose and lands in the portal. No page scrolls sideways at 375 px.
 */
class RegistrationJourneyIT extends BrowserJourney {

	@Test
	void aCivilServantAppliesTheDeskApprovesAndTheRequesterSignsIn() throws Exception {
		this.clock.set(java.time.Instant.now());
		ApiClient admin = admin();
		String organisationName = unique("区司法局");
		long organisation = createOrganisation(admin, rootOrganisationId(admin), organisationName);
		String username = unique("wangfang").toLowerCase();
		String password = "Sf#2026portal";

		BrowserSupport b = this.browser;
		b.mobile(375, 812);
		b.open("/");
		b.waitForPath("/login");
		b.click("login-register");
		b.waitForPath("/portal/register");
		b.find("[data-test='register-username']");
		this.browser.assertFitsWidth(375);
		shot("register-empty-zh");

		// the form checks as the user types: a bad phone is named at its field
		this.browser.type("register-phone", "12345");
		this.browser.type("register-username", username);
		b.waitForText(".el-form-item.is-error", "手机号");
		this.browser.type("register-name", "王芳");
		this.browser.type("register-phone", "13700001111");
		this.browser.type("register-email", username + "@sfj.example.gov.cn");
		// as an applicant would among a province's many units: search the name, then pick it
		b.clickCss("[data-test='register-organisation'] .el-select__wrapper");
		b.find("[data-test='register-organisation'] input").sendKeys(organisationName);
		b.clickCss("[data-test='register-organisation-option-" + organisation + "']");
		b.waitForText("[data-test='register-organisation']", organisationName);
		this.browser.type("register-unit", "办公室");
		this.browser.type("register-password", password);
		b.find("[data-test='register-strength']");
		this.browser.type("register-confirm", password);
		b.click("register-agree");
		this.browser.assertFitsWidth(375);
		shot("register-filled-zh");
		b.click("register-submit");
		b.waitForText("[data-test='register-done']", "申请已提交，审核通过后将短信通知您");
		this.browser.assertFitsWidth(375);
		shot("register-done-zh");

		// the desk approves on 注册审核
		b.mobile(1280, 900);
		signInAsAdmin();
		b.open("/servicedesk/registrations");
		b.find("[data-test='registration-row']");
		this.browser.type("registration-search", username);
		b.waiting().until(d -> b.all("[data-test='registration-row']").size() == 1
				&& b.find("[data-test='registration-row']").getText().equals("王芳"));
		assertThat(b.find("[data-test='registrations'] .el-table__body").getText()).contains(organisationName, "办公室",
				"13700001111");
		shot("registrations-pending-zh");
		b.click("registration-approve");
		b.waitForText(".el-message-box", "王芳");
		b.clickCss(".el-message-box__btns .el-button--primary");
		b.waitForText(".el-message--success", "已开通账号 " + username);
		// pending no more: shown among the approved ones, with who decided
		b.choose("registration-state", "registration-state-APPROVED");
		b.waitForText("[data-test='registrations'] .el-table__body", "已通过");
		assertThat(b.find("[data-test='registrations'] .el-table__body").getText()).contains("王芳", "初始管理员");
		shot("registrations-approved-zh");
		b.click("user-menu");
		b.click("logout");
		b.waitForPath("/login");

		// the requester signs in with the password they chose and lands in the portal
		b.mobile(375, 812);
		b.type("login-username", username);
		b.type("login-password", password);
		b.click("login-submit");
		b.waitForPath("/portal");
		b.find("[data-test='portal-report']");
		this.browser.assertFitsWidth(375);
		shot("register-requester-portal-zh");
		assertThat(admin.get("/api/v1/users?q=" + username).json().path("items").get(0).path("roles")).isEmpty();
	}

}
