package io.opsguard.servicedesk.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The kind of a file told by its bytes, whatever its name says. */
class AttachmentTypesTests {

	@TempDir
	Path dir;

	@Test
	void imagesAndDocumentsAreToldByTheirSignatures() throws IOException {
		assertThat(detect("a.bin", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0))).contains(AttachmentTypes.PNG);
		assertThat(detect("photo.png", bytes(0xFF, 0xD8, 0xFF, 0xE0))).as("a JPEG called .png").contains(AttachmentTypes.JPEG);
		assertThat(detect("x", "GIF89a....".getBytes(StandardCharsets.ISO_8859_1))).contains(AttachmentTypes.GIF);
		assertThat(detect("x", "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1))).contains(AttachmentTypes.WEBP);
		assertThat(detect("report.docx", "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1))).contains(AttachmentTypes.PDF);
		assertThat(detect("a.7z", bytes('7', 'z', 0xBC, 0xAF, 0x27, 0x1C, 0, 4))).contains(AttachmentTypes.SEVEN_ZIP);
		assertThat(detect("a.rar", "Rar!\u001A\u0007\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1))).contains(AttachmentTypes.RAR);
		byte[] ole = bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0);
		assertThat(detect("旧表格.xls", ole)).contains(AttachmentTypes.XLS);
		assertThat(detect("说明.doc", ole)).contains(AttachmentTypes.DOC);
		assertThat(detect("setup.msi", ole)).as("an installer has the same signature").isEmpty();
	}

	@Test
	void archivesAreToldByTheirEntries() throws IOException {
		assertThat(detect("x.zip", zip("[Content_Types].xml", "word/document.xml"))).contains(AttachmentTypes.DOCX);
		assertThat(detect("x.zip", zip("[Content_Types].xml", "xl/workbook.xml"))).contains(AttachmentTypes.XLSX);
		assertThat(detect("x.zip", zip("[Content_Types].xml", "ppt/presentation.xml"))).contains(AttachmentTypes.PPTX);
		assertThat(detect("logs.zip", zip("app.log", "gc.log"))).contains(AttachmentTypes.ZIP);
		assertThat(detect("tool.zip", zip("META-INF/MANIFEST.MF", "com/x/Main.class"))).as("a Java program").isEmpty();
	}

	@Test
	void textIsKeptOnlyUnderATextNameAndNeverAsMarkup() throws IOException {
		byte[] log = "2026-12-06 ERROR 连接池耗尽\n".getBytes(StandardCharsets.UTF_8);
		assertThat(detect("app.log", log)).contains(AttachmentTypes.TEXT);
		assertThat(detect("导出.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))).contains(AttachmentTypes.CSV);
		assertThat(detect("app.sh", log)).isEmpty();
		assertThat(detect("noname", log)).isEmpty();
		assertThat(detect("page.txt", "\uFEFF  <!DOCTYPE html><html></html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(detect("a.txt", "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(detect("a.txt", bytes('a', 0, 'b'))).as("binary").isEmpty();
		assertThat(detect("run.log", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(detect("x.png", bytes('M', 'Z', 0x90, 0))).isEmpty();
		assertThat(detect("x.png", bytes(0x7F, 'E', 'L', 'F', 2))).isEmpty();
	}

	@Test
	void namesLoseTheirFoldersAndControlCharacters() {
		assertThat(TicketAttachments.cleanName("C:\\Users\\张三\\桌面\\截图.png")).isEqualTo("截图.png");
		assertThat(TicketAttachments.cleanName("../../etc/passwd")).isEqualTo("passwd");
		assertThat(TicketAttachments.cleanName("a\u0000b\r\n.txt")).isEqualTo("ab.txt");
		assertThat(TicketAttachments.cleanName("..")).isEqualTo("attachment");
		assertThat(TicketAttachments.cleanName(null)).isEqualTo("attachment");
		String longName = "长".repeat(300) + ".pdf";
		assertThat(TicketAttachments.cleanName(longName)).hasSize(255).endsWith(".pdf");
	}

	private Optional<String> detect(String name, byte[] content) throws IOException {
		Path file = Files.createTempFile(this.dir, "f", ".bin");
		Files.write(file, content);
		return AttachmentTypes.detect(file, name);
	}

	private byte[] zip(String... entries) throws IOException {
		Path file = Files.createTempFile(this.dir, "z", ".zip");
		try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
			for (String entry : entries) {
				zip.putNextEntry(new ZipEntry(entry));
				zip.write("x".getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		return Files.readAllBytes(file);
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

}
