/**
 * SPEC §6: a research platform (REDCap) as the source of who, when and which surveys. The port
 * {@link org.therapychat.core.directory.StudyDirectory} reads the whole study; the sync that applies
 * it lives beside the other admin writes ({@code org.therapychat.core.admin.DirectorySync}).
 */
package org.therapychat.core.directory;
