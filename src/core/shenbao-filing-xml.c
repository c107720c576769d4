/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-filing-xml"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "shenbao-filing-xml.h"
#include "shenbao-forms.h"
#include "shenbao-xml.h"

G_DEFINE_QUARK (shenbao-filing-xml-error-quark, shenbao_filing_xml_error)

#define SCHEMA_RESOURCE "/io/github/shenbao/Shenbao/core/application.rng"

GResource *shenbao_core_get_resource (void);

/* ------------------------------------------------------------------ writing */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_value (xmlNode    *parent,
           const char *key,
           const char *text)
{
  xmlNode *node = xmlNewTextChild (parent, NULL, BAD_CAST "value", BAD_CAST text);

  xmlNewProp (node, BAD_CAST "key", BAD_CAST key);
}

/* Sorted by key, so the same application always gives the same bytes. */
static void
add_values (ShenbaoFiling *application,
            xmlNode       *company,
            xmlNode       *values)
{
  GHashTable *texts = shenbao_filing_get_texts (application);
  ShenbaoPolicySet *policies = shenbao_filing_get_policies (application);
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (texts, NULL);
  guint n = g_hash_table_size (texts);

  qsort (keys, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    {
      const char *key = keys[i];
      gboolean is_fact = shenbao_policy_set_find_fact (policies, key) != NULL;

      add_value (is_fact ? company : values, key, g_hash_table_lookup (texts, key));
    }
}

static const char *
boolean (gboolean value)
{
  return value ? "true" : "false";
}

static void
set_int_prop (xmlNode    *node,
              const char *name,
              gint64      value)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  xmlNewProp (node, BAD_CAST name, BAD_CAST text);
}

static const char *
entry_name_of (GPtrArray            *attachments,
               ShenbaoChecklistItem *item)
{
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      ShenbaoNumberedAttachment *attachment = g_ptr_array_index (attachments, i);

      if (attachment->item == item)
        return attachment->entry_name;
    }
  return NULL;
}

static void
add_materials (ShenbaoFiling *application,
               GPtrArray     *attachments,
               xmlNode       *materials)
{
  GListModel *model = G_LIST_MODEL (shenbao_filing_get_checklist (application));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShenbaoChecklistItem) item = g_list_model_get_item (model, i);
      g_autoptr(ShenbaoAttachmentRecord) record = shenbao_checklist_item_to_record (item, i);
      xmlNode *node = xmlNewChild (materials, NULL, BAD_CAST "item", NULL);
      const char *entry_name = entry_name_of (attachments, item);

      xmlNewProp (node, BAD_CAST "id", BAD_CAST record->item_id);
      set_int_prop (node, "position", i);
      xmlNewProp (node, BAD_CAST "required", BAD_CAST boolean (record->required));
      xmlNewProp (node, BAD_CAST "added-by-user", BAD_CAST boolean (record->added_by_user));
      xmlNewProp (node, BAD_CAST "removed", BAD_CAST "false");
      if (record->label != NULL)
        xmlNewProp (node, BAD_CAST "label", BAD_CAST record->label);
      if (entry_name != NULL)
        {
          xmlNode *file = xmlNewChild (node, NULL, BAD_CAST "file", NULL);

          xmlNewProp (file, BAD_CAST "name", BAD_CAST entry_name);
          set_int_prop (file, "size", record->size);
          xmlNewProp (file, BAD_CAST "sha256", BAD_CAST record->sha256);
          set_int_prop (file, "pages", record->pages);
        }
    }

  /* Removed defaults too: reopened elsewhere, the application must not get them back. */
  {
    g_autoptr(GPtrArray) removed = shenbao_checklist_list_removed (shenbao_filing_get_checklist (application));

    for (guint i = 0; i < removed->len; i++)
      {
        ShenbaoAttachmentRecord *record = g_ptr_array_index (removed, i);
        xmlNode *node = xmlNewChild (materials, NULL, BAD_CAST "item", NULL);

        xmlNewProp (node, BAD_CAST "id", BAD_CAST record->item_id);
        set_int_prop (node, "position", record->position);
        xmlNewProp (node, BAD_CAST "required", BAD_CAST boolean (record->required));
        xmlNewProp (node, BAD_CAST "added-by-user", BAD_CAST "false");
        xmlNewProp (node, BAD_CAST "removed", BAD_CAST "true");
      }
  }
}

static void
add_result (ShenbaoFiling *application,
            xmlNode       *root)
{
  ShenbaoPolicyResult *result = shenbao_filing_get_result (application);
  g_autoptr(GPtrArray) claimed = shenbao_filing_list_chosen (application);
  xmlNode *node;

  if (result == NULL)
    return;
  node = xmlNewChild (root, NULL, BAD_CAST "result", NULL);
  set_int_prop (node, "total-fen", result->total_fen);
  set_int_prop (node, "total-up-to-fen", result->total_up_to_fen);
  for (guint i = 0; i < claimed->len; i++)
    {
      ShenbaoClause *clause = g_ptr_array_index (claimed, i);
      ShenbaoClauseResult *clause_result = shenbao_policy_result_find (result, shenbao_clause_get_id (clause));
      xmlNode *child = xmlNewChild (node, NULL, BAD_CAST "clause", NULL);

      xmlNewProp (child, BAD_CAST "id", BAD_CAST shenbao_clause_get_full_id (clause));
      if (clause_result != NULL && clause_result->has_amount)
        {
          set_int_prop (child, "award-fen", clause_result->award_fen);
          set_int_prop (child, "payout-fen", clause_result->payout_fen);
        }
      xmlNewProp (child, BAD_CAST "dropped", BAD_CAST boolean (clause_result != NULL && clause_result->dropped));
    }
}

/* attachments: ShenbaoNumberedAttachment, the files as named in the package. */
char *
shenbao_filing_xml_write (ShenbaoFiling *application,
                          GPtrArray     *attachments,
                          gsize         *length)
{
  g_autoptr(xmlDoc) doc = xmlNewDoc (BAD_CAST "1.0");
  g_autoptr(GPtrArray) claimed = NULL;
  xmlNode *root, *company, *values, *claimed_node, *policy;
  xmlChar *buffer = NULL;
  int size = 0;
  char *text;

  g_return_val_if_fail (SHENBAO_IS_FILING (application), NULL);
  g_return_val_if_fail (shenbao_filing_get_policy (application) != NULL, NULL);

  root = xmlNewDocNode (doc, NULL, BAD_CAST "application", NULL);
  xmlDocSetRootElement (doc, root);
  xmlSetNs (root, xmlNewNs (root, BAD_CAST SHENBAO_FILING_XML_NS, NULL));
  xmlNewProp (root, BAD_CAST "format", BAD_CAST "1");
  policy = xmlNewChild (root, NULL, BAD_CAST "policy", NULL);
  xmlNewProp (policy, BAD_CAST "id", BAD_CAST shenbao_policy_get_id (shenbao_filing_get_policy (application)));
  company = xmlNewChild (root, NULL, BAD_CAST "company", NULL);
  claimed_node = xmlNewChild (root, NULL, BAD_CAST "claimed", NULL);
  claimed = shenbao_filing_list_chosen (application);
  for (guint i = 0; i < claimed->len; i++)
    xmlNewProp (xmlNewChild (claimed_node, NULL, BAD_CAST "clause", NULL), BAD_CAST "id",
                BAD_CAST shenbao_clause_get_full_id (g_ptr_array_index (claimed, i)));
  values = xmlNewChild (root, NULL, BAD_CAST "values", NULL);
  add_values (application, company, values);
  add_materials (application, attachments, xmlNewChild (root, NULL, BAD_CAST "materials", NULL));
  add_result (application, root);

  xmlDocDumpFormatMemoryEnc (doc, &buffer, &size, "UTF-8", 1);
  text = g_strndup ((const char *) buffer, size);
  xmlFree (buffer);
  if (length != NULL)
    *length = size;
  return text;
}

/* ------------------------------------------------------------------ reading */

typedef struct
{
  GString    *messages;
  const char *name;
} SchemaErrors;

static void
collect_error (void            *data,
               const xmlError  *error)
{
  SchemaErrors *errors = data;
  g_autofree char *message = g_strchomp (g_strdup (error->message != NULL ? error->message : ""));

  if (errors->messages->len > 0)
    g_string_append_c (errors->messages, '\n');
  g_string_append_printf (errors->messages, "%s:%d: %s", errors->name, error->line, message);
}

static void
collect_error_compat (void     *data,
                      xmlError *error)
{
  collect_error (data, error);
}

static gboolean
check_schema (xmlDoc      *doc,
              const char  *name,
              GError     **error)
{
  g_autoptr(GBytes) schema = g_resource_lookup_data (shenbao_core_get_resource (), SCHEMA_RESOURCE,
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(xmlRelaxNGParserCtxt) parser = NULL;
  g_autoptr(xmlRelaxNG) grammar = NULL;
  g_autoptr(xmlRelaxNGValidCtxt) validator = NULL;
  SchemaErrors errors = { g_string_new (NULL), name };
  gsize size;
  const char *data = g_bytes_get_data (schema, &size);

  parser = xmlRelaxNGNewMemParserCtxt (data, (int) size);
  grammar = xmlRelaxNGParse (parser);
  g_assert (grammar != NULL);
  validator = xmlRelaxNGNewValidCtxt (grammar);
  xmlRelaxNGSetValidStructuredErrors (validator, collect_error_compat, &errors);
  if (xmlRelaxNGValidateDoc (validator, doc) != 0)
    {
      g_set_error (error, SHENBAO_FILING_XML_ERROR, SHENBAO_FILING_XML_ERROR_SCHEMA,
                   _("%s does not follow the application schema:\n%s"), name,
                   errors.messages->len > 0 ? errors.messages->str : name);
      g_string_free (errors.messages, TRUE);
      return FALSE;
    }
  g_string_free (errors.messages, TRUE);
  return TRUE;
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static gboolean
bool_prop (xmlNode    *node,
           const char *name)
{
  g_autofree char *value = prop (node, name);

  return g_strcmp0 (value, "true") == 0 || g_strcmp0 (value, "1") == 0;
}

static gint64
int_prop (xmlNode    *node,
          const char *name)
{
  g_autofree char *value = prop (node, name);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

static void
read_values (xmlNode    *parent,
             GHashTable *values)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    if (shenbao_xml_is_element (node, "value"))
      {
        xmlChar *text = xmlNodeGetContent (node);

        g_hash_table_replace (values, prop (node, "key"), g_strdup ((const char *) text));
        xmlFree (text);
      }
}

static ShenbaoAttachmentRecord *
read_item (xmlNode *node)
{
  ShenbaoAttachmentRecord *record = g_new0 (ShenbaoAttachmentRecord, 1);
  xmlNode *file = shenbao_xml_first_child (node, "file");

  record->item_id = prop (node, "id");
  record->label = prop (node, "label");
  record->position = (int) int_prop (node, "position");
  record->required = bool_prop (node, "required");
  record->added_by_user = bool_prop (node, "added-by-user");
  record->removed = bool_prop (node, "removed");
  if (file != NULL)
    {
      record->path = prop (file, "name");
      record->size = int_prop (file, "size");
      record->sha256 = prop (file, "sha256");
      record->pages = (int) int_prop (file, "pages");
    }
  return record;
}

static ShenbaoFilingImport *
import_from_tree (xmlNode *root)
{
  ShenbaoFilingImport *import = g_new0 (ShenbaoFilingImport, 1);

  import->company_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->application_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->clause_choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_attachment_record_free);
  import->policy_id = prop (shenbao_xml_first_child (root, "policy"), "id");
  read_values (shenbao_xml_first_child (root, "company"), import->company_values);
  read_values (shenbao_xml_first_child (root, "values"), import->application_values);
  for (xmlNode *node = shenbao_xml_first_child (root, "claimed")->children; node != NULL; node = node->next)
    if (shenbao_xml_is_element (node, "clause"))
      g_hash_table_replace (import->clause_choices, prop (node, "id"), GINT_TO_POINTER (TRUE));
  for (xmlNode *node = shenbao_xml_first_child (root, "materials")->children; node != NULL; node = node->next)
    if (shenbao_xml_is_element (node, "item"))
      g_ptr_array_add (import->attachments, read_item (node));
  return import;
}

/* Read without the network, entities or a DTD: a package comes from someone else. A document
 * with an internal DTD subset is refused outright, as entities there could read local files. */
ShenbaoFilingImport *
shenbao_filing_xml_read (const char  *data,
                         gsize        length,
                         const char  *name,
                         GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (length > G_MAXINT)
    {
      g_set_error (error, SHENBAO_FILING_XML_ERROR, SHENBAO_FILING_XML_ERROR_PARSE,
                   _("%s is too large"), name);
      return NULL;
    }
  doc = xmlReadMemory (data, (int) length, name, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      const xmlError *last = xmlGetLastError ();
      g_autofree char *message = g_strchomp (g_strdup (last != NULL && last->message != NULL ? last->message : "?"));

      g_set_error (error, SHENBAO_FILING_XML_ERROR, SHENBAO_FILING_XML_ERROR_PARSE,
                   _("%s is not well-formed XML: %s"), name, message);
      return NULL;
    }
  if (doc->intSubset != NULL)
    {
      g_set_error (error, SHENBAO_FILING_XML_ERROR, SHENBAO_FILING_XML_ERROR_PARSE,
                   _("%s carries a document type declaration, which an application never has"), name);
      return NULL;
    }
  if (!check_schema (doc, name, error))
    return NULL;
  return import_from_tree (xmlDocGetRootElement (doc));
}

void
shenbao_filing_import_free (ShenbaoFilingImport *import)
{
  if (import == NULL)
    return;
  g_clear_pointer (&import->company_values, g_hash_table_unref);
  g_free (import->policy_id);
  g_clear_pointer (&import->application_values, g_hash_table_unref);
  g_clear_pointer (&import->clause_choices, g_hash_table_unref);
  g_clear_pointer (&import->attachments, g_ptr_array_unref);
  g_free (import);
}
