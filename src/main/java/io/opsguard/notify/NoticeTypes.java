package io.opsguard.notify;

import java.util.List;

/**
 * Plug-in point: each module that sends notices registers one bean declaring its event types, with
 * default templates in Chinese and English and default channels. Administrators may change the
 * templates; users choose their channels within the mandatory ones.
 */
public interface NoticeTypes {

	List<NoticeType> types();

}
