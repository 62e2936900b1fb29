package io.opsguard.notify.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.notify.Channel;
import io.opsguard.notify.NoticeType;
import io.opsguard.notify.NoticeTypes;

import org.springframework.stereotype.Component;

/** Notifications' own event type: the test message administrators send to check a channel. */
@Component
class NotifyNoticeTypes implements NoticeTypes {

	static final String TEST = "notify.test";

	@Override
	public List<NoticeType> types() {
		return List.of(new NoticeType(TEST, "测试通知", "Test notification",
				new NoticeType.Template("【运维保障平台】测试通知",
						"这是一条测试通知，由{{sender}}于{{sentAt}}发送。\n收到即说明通知渠道“{{channel}}”配置正确。"),
				new NoticeType.Template("[OpsGuard] Test notification",
						"This is a test notification sent by {{sender}} at {{sentAt}}.\n"
								+ "Receiving it means the channel \"{{channel}}\" is set up correctly."),
				Set.of(Channel.IN_APP, Channel.EMAIL), Set.of(),
				Map.of("sender", "系统管理员", "sentAt", "2026-12-08 09:30", "channel", "企业微信机器人")));
	}

}
