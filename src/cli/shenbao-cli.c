/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "shenbao-cli-package.h"
#include "shenbao-deadline.h"
#include "shenbao-decimal.h"
#include "shenbao-engine.h"
#include "shenbao-worksheet.h"
#include "shenbao-parse.h"
#include "shenbao-policy-set.h"

#define EXIT_PROBLEMS 1
#define EXIT_USAGE 2

typedef struct
{
  GDate      as_of;
  GPtrArray *settings;    /* char *: NAME=VALUE */
  gboolean   json;
  gboolean   formulas;    /* each worksheet step's formula too, for policy authors */
  gboolean   all;
  gboolean   chinese;
  GPtrArray *positional;  /* char * */
  GPtrArray *claims;      /* char *: comma-separated clause ids, from --claim */
  GPtrArray *same;        /* char *: clause ids said to be one matter, from --same */
  GPtrArray *distinct;    /* char *: clause ids said to be different matters, from --distinct */
  ShenbaoCliPackageOptions package;  /* the options only package, verify and applications take */
} Options;

static int
usage (void)
{
  g_printerr ("Usage:\n"
              "  shenbao-cli list [--as-of DATE]\n"
              "  shenbao-cli show POLICY\n"
              "  shenbao-cli facts [POLICY]\n"
              "  shenbao-cli validate FILE…\n"
              "  shenbao-cli compute POLICY [--as-of DATE] [--set NAME=VALUE]… [--claim ID,ID…]\n"
              "                     [--same ID,ID…] [--distinct ID,ID…] [--json] [--lang zh|en]\n"
              "                     [--formulas]\n"
              "  shenbao-cli compute --all [--set NAME=VALUE]… [--json]\n"
              "  shenbao-cli package POLICY [--set NAME=VALUE]… --claim ID,ID… [--attach ITEM=FILE]…\n"
              "                     [--same ID,ID…] [--distinct ID,ID…] [--lang zh|en] [--draft] [--force] [-o FILE.zip]\n"
              "  shenbao-cli package --application ID [--lang zh|en] [--draft] [--force] [-o FILE.zip]\n"
              "  shenbao-cli package --from application.xml [--lang zh|en] [--draft] [--force] [-o FILE.zip]\n"
              "  shenbao-cli verify FILE.zip…\n"
              "  shenbao-cli applications\n");
  return EXIT_USAGE;
}

/* The options of package, verify and applications; i is moved past a value taken. */
static gboolean
parse_package_option (int                        argc,
                      char                     **argv,
                      int                       *i,
                      ShenbaoCliPackageOptions  *package)
{
  const char *arg = argv[*i];

  if (g_str_equal (arg, "--draft"))
    package->draft = TRUE;
  else if (g_str_equal (arg, "--force"))
    package->force = TRUE;
  else if (g_str_equal (arg, "--attach") && *i + 1 < argc)
    g_ptr_array_add (package->attachments, argv[++*i]);
  else if ((g_str_equal (arg, "-o") || g_str_equal (arg, "--output")) && *i + 1 < argc)
    package->output = argv[++*i];
  else if (g_str_equal (arg, "--application") && *i + 1 < argc)
    package->application = argv[++*i];
  else if (g_str_equal (arg, "--from") && *i + 1 < argc)
    package->from = argv[++*i];
  else
    return FALSE;
  return TRUE;
}

static int
run_package_command (ShenbaoPolicySet *set,
                     const char       *command,
                     Options          *options)
{
  ShenbaoCliPackageOptions *package = &options->package;

  package->as_of = options->as_of;
  package->chinese = options->chinese;
  package->positional = options->positional;
  package->settings = options->settings;
  package->claims = options->claims;
  package->same = options->same;
  package->distinct = options->distinct;
  if (g_str_equal (command, "package"))
    return shenbao_cli_package (set, package);
  if (g_str_equal (command, "verify"))
    return shenbao_cli_verify (package);
  return shenbao_cli_applications (set, package);
}

static gboolean
parse_options (int      argc,
               char   **argv,
               Options *options)
{
  const char *lang = g_getenv ("LANGUAGE");

  if (lang == NULL || *lang == '\0')
    lang = setlocale (LC_MESSAGES, NULL);
  options->chinese = lang != NULL && g_str_has_prefix (lang, "zh");
  g_date_clear (&options->as_of, 1);
  g_date_set_time_t (&options->as_of, time (NULL));
  options->settings = g_ptr_array_new ();
  options->positional = g_ptr_array_new ();
  options->claims = g_ptr_array_new ();
  options->same = g_ptr_array_new ();
  options->distinct = g_ptr_array_new ();
  options->package.attachments = g_ptr_array_new ();

  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--json"))
        options->json = TRUE;
      else if (g_str_equal (arg, "--formulas"))
        options->formulas = TRUE;
      else if (g_str_equal (arg, "--all"))
        options->all = TRUE;
      else if (g_str_equal (arg, "--claim") && i + 1 < argc)
        g_ptr_array_add (options->claims, argv[++i]);
      else if (g_str_equal (arg, "--same") && i + 1 < argc)
        g_ptr_array_add (options->same, argv[++i]);
      else if (g_str_equal (arg, "--distinct") && i + 1 < argc)
        g_ptr_array_add (options->distinct, argv[++i]);
      else if (parse_package_option (argc, argv, &i, &options->package))
        ;
      else if ((g_str_equal (arg, "--set") || g_str_equal (arg, "--as-of") || g_str_equal (arg, "--lang"))
               && i + 1 < argc)
        {
          const char *value = argv[++i];

          if (g_str_equal (arg, "--set"))
            g_ptr_array_add (options->settings, (gpointer) value);
          else if (g_str_equal (arg, "--lang"))
            options->chinese = g_str_has_prefix (value, "zh");
          else
            {
              g_autoptr(GError) error = NULL;

              if (!shenbao_date_parse (value, &options->as_of, &error))
                {
                  g_printerr ("shenbao-cli: --as-of: %s\n", error->message);
                  return FALSE;
                }
            }
        }
      else if (g_str_has_prefix (arg, "--"))
        {
          g_printerr ("shenbao-cli: unknown option “%s”\n", arg);
          return FALSE;
        }
      else
        g_ptr_array_add (options->positional, (gpointer) arg);
    }
  return TRUE;
}

static ShenbaoPolicySet *
load_policies (void)
{
  g_autoptr(GError) error = NULL;
  ShenbaoPolicySet *set = shenbao_policy_set_new_default (&error);
  GPtrArray *problems;

  if (set == NULL)
    {
      g_printerr ("shenbao-cli: %s\n", error->message);
      return NULL;
    }
  /* A broken policy file is named, and the others still work. */
  problems = shenbao_policy_set_get_problems (set);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (problems, i));
  return set;
}

static ShenbaoPolicy *
find_policy (ShenbaoPolicySet *set,
             const char       *policy_id)
{
  ShenbaoPolicy *policy = shenbao_policy_set_lookup (set, policy_id);

  if (policy == NULL)
    {
      g_autoptr(GPtrArray) policies = shenbao_policy_set_list_headers (set);

      g_printerr ("shenbao-cli: no policy “%s”; known:", policy_id);
      for (guint i = 0; i < policies->len; i++)
        g_printerr (" %s", shenbao_policy_get_id (g_ptr_array_index (policies, i)));
      g_printerr ("\n");
    }
  return policy;
}

/* ------------------------------------------------------------------ list, show, facts */

static const char *
validity_label (ShenbaoValidity validity,
                gboolean        chinese)
{
  switch (validity)
    {
    case SHENBAO_VALIDITY_IN_FORCE: return chinese ? "有效" : "in force";
    case SHENBAO_VALIDITY_NOT_YET: return chinese ? "尚未施行" : "not yet in force";
    case SHENBAO_VALIDITY_EXPIRED: return chinese ? "已失效" : "expired";
    case SHENBAO_VALIDITY_DRAFT: return chinese ? "征求意见稿" : "draft";
    default: return "";
    }
}

static gint
compare_for_list (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return shenbao_policy_compare_by_status (*(ShenbaoPolicy **) a, *(ShenbaoPolicy **) b, user_data);
}

/* A draft says its stated period, and one whose period has ended comes last. */
static int
command_list (ShenbaoPolicySet *set,
              Options          *options)
{
  g_autoptr(GPtrArray) policies = shenbao_policy_set_list_headers (set);

  g_ptr_array_sort_with_data (policies, compare_for_list, &options->as_of);
  for (guint i = 0; i < policies->len; i++)
    {
      ShenbaoPolicy *policy = g_ptr_array_index (policies, i);
      g_autofree char *status = shenbao_policy_status_text (policy, &options->as_of, options->chinese);

      g_print ("%-20s %s\n%-20s %3u %s  %s\n", shenbao_policy_get_id (policy), status, "",
               shenbao_policy_get_n_clauses (policy), options->chinese ? "条" : "clauses",
               shenbao_text_get (shenbao_policy_get_title (policy), options->chinese));
    }
  return 0;
}

static void
print_field (ShenbaoField *field,
             const char   *name,
             gboolean      chinese,
             const char   *indent)
{
  ShenbaoFieldType kind = shenbao_field_get_kind (field);
  const char *unit = shenbao_field_get_unit_text (field);
  const char *default_text = shenbao_field_get_default_text (field);
  GPtrArray *choices = shenbao_field_get_choices (field);
  GPtrArray *columns = shenbao_field_get_columns (field);

  g_print ("%s%-44s %-8s %-14s %s%s%s%s\n", indent, name, shenbao_field_type_to_string (kind),
           unit != NULL ? unit : (kind == SHENBAO_FIELD_MONEY ? "yuan" : ""),
           shenbao_text_get (shenbao_field_get_label (field), chinese),
           shenbao_field_is_required (field) ? (chinese ? "（必填）" : " (required)") : "",
           default_text != NULL ? (chinese ? " 默认 " : " default ") : "",
           default_text != NULL ? default_text : "");
  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      ShenbaoChoice *choice = g_ptr_array_index (choices, i);
      g_print ("%s    = %-20s %s\n", indent, shenbao_choice_get_value (choice),
               shenbao_text_get (shenbao_choice_get_label (choice), chinese));
    }
  for (guint i = 0; columns != NULL && i < columns->len; i++)
    {
      ShenbaoField *column = g_ptr_array_index (columns, i);
      g_print ("%s    column %u: %s (%s) %s\n", indent, i + 1, shenbao_field_get_id (column),
               shenbao_field_type_to_string (shenbao_field_get_kind (column)),
               shenbao_text_get (shenbao_field_get_label (column), chinese));
    }
}

static void
print_clause (ShenbaoClause *clause,
              gboolean       chinese)
{
  GPtrArray *facts_used = shenbao_clause_get_facts_used (clause);
  GPtrArray *fields = shenbao_clause_get_fields (clause);
  GPtrArray *conditions = shenbao_clause_get_conditions (clause);
  GPtrArray *steps = shenbao_clause_get_steps (clause);
  GPtrArray *flags = shenbao_clause_get_flags (clause);

  g_print ("\n%s  %s  [%s, %s]\n", shenbao_clause_get_full_id (clause),
           shenbao_text_get (shenbao_clause_get_title (clause), chinese),
           shenbao_clause_get_shape (clause), shenbao_award_kind_to_string (shenbao_clause_get_kind (clause)));
  g_print ("  “%s”\n", shenbao_clause_get_quote (clause));
  for (guint i = 0; i < facts_used->len; i++)
    g_print ("  %s %s\n", chinese ? "企业信息：" : "fact:", (char *) g_ptr_array_index (facts_used, i));
  for (guint i = 0; i < fields->len; i++)
    {
      ShenbaoField *field = g_ptr_array_index (fields, i);
      g_autofree char *name = g_strdup_printf ("%s/%s", shenbao_clause_get_id (clause), shenbao_field_get_id (field));
      print_field (field, name, chinese, "  ");
    }
  for (guint i = 0; i < conditions->len; i++)
    g_print ("  %s %s\n", chinese ? "条件：" : "condition:",
             shenbao_text_get (shenbao_condition_get_text (g_ptr_array_index (conditions, i)), chinese));
  for (guint i = 0; i < steps->len; i++)
    {
      ShenbaoStep *step = g_ptr_array_index (steps, i);
      g_print ("  %s: %s\n", shenbao_text_get (shenbao_step_get_label (step), chinese),
               shenbao_expr_get_source (shenbao_step_get_expr (step)));
    }
  for (guint i = 0; i < flags->len; i++)
    {
      const ShenbaoFlag *flag = shenbao_policy_find_flag (shenbao_clause_get_policy (clause),
                                                          g_ptr_array_index (flags, i));
      g_print ("  ⚑ %s %s\n", shenbao_flag_get_id (flag), shenbao_text_get (shenbao_flag_get_text (flag), chinese));
    }
}

/* The ids `package --attach ITEM=FILE` takes: policy-wide items, then each clause's. */
static void
print_checklist (ShenbaoPolicy *policy,
                 gboolean       zh)
{
  GPtrArray *materials = shenbao_policy_get_materials (policy);
  GPtrArray *clauses = shenbao_policy_get_clauses (policy);

  g_print ("%s\n", zh ? "材料清单（默认，可按申报调整）：" : "Materials checklist (defaults, editable per application):");
  for (guint i = 0; i < materials->len; i++)
    {
      ShenbaoAttachment *item = g_ptr_array_index (materials, i);
      g_print ("  %s%s  %s\n", shenbao_attachment_get_id (item),
               shenbao_attachment_is_required (item) ? "" : (zh ? "（可选）" : " (optional)"),
               shenbao_text_get (shenbao_attachment_get_label (item), zh));
    }
  for (guint c = 0; c < clauses->len; c++)
    {
      ShenbaoClause *clause = g_ptr_array_index (clauses, c);
      GPtrArray *attachments = shenbao_clause_get_attachments (clause);

      for (guint i = 0; i < attachments->len; i++)
        {
          ShenbaoAttachment *item = g_ptr_array_index (attachments, i);
          g_print ("  %s/%s%s  %s\n", shenbao_clause_get_id (clause), shenbao_attachment_get_id (item),
                   shenbao_attachment_is_required (item) ? "" : (zh ? "（可选）" : " (optional)"),
                   shenbao_text_get (shenbao_attachment_get_label (item), zh));
        }
    }
}

static int
command_show (ShenbaoPolicySet *set,
              Options          *options)
{
  ShenbaoPolicy *policy;
  GPtrArray *areas, *fields, *rules, *clauses;
  gboolean zh = options->chinese;

  if (options->positional->len != 1)
    return usage ();
  policy = find_policy (set, g_ptr_array_index (options->positional, 0));
  if (policy == NULL)
    return EXIT_USAGE;
  areas = shenbao_policy_get_areas (policy);
  fields = shenbao_policy_get_fields (policy);
  rules = shenbao_policy_get_rules (policy);
  clauses = shenbao_policy_get_clauses (policy);

  g_print ("%s\n%s\n", shenbao_text_get (shenbao_policy_get_title (policy), zh), shenbao_policy_get_id (policy));
  g_print ("%s %s\n", zh ? "发文机关：" : "Issuer:", shenbao_text_get (shenbao_policy_get_issuer (policy), zh));
  if (shenbao_policy_get_document_number (policy) != NULL)
    g_print ("%s %s\n", zh ? "文号：" : "Document number:", shenbao_policy_get_document_number (policy));
  for (guint i = 0; i < areas->len; i++)
    {
      ShenbaoArea *area = g_ptr_array_index (areas, i);
      g_print ("%s %s (%s)%s\n", zh ? "地域：" : "Area:", shenbao_text_get (shenbao_area_get_name (area), zh),
               shenbao_area_get_prefix (area),
               shenbao_area_is_stated (area) ? "" : (zh ? "（文件未明示，推定）" : " (not stated in the text; presumed)"));
    }
  for (guint i = 0; i < fields->len; i++)
    print_field (g_ptr_array_index (fields, i), shenbao_field_get_id (g_ptr_array_index (fields, i)), zh, "");
  for (guint i = 0; i < rules->len; i++)
    {
      ShenbaoRule *rule = g_ptr_array_index (rules, i);
      GPtrArray *members = shenbao_rule_get_members (rule);
      static const char *kinds[] = { "gate", "exclusive", "pool", "combined-cap", "top-up", "note" };
      g_print ("%s: %s", kinds[shenbao_rule_get_kind (rule)], shenbao_text_get (shenbao_rule_get_text (rule), zh));
      for (guint m = 0; members != NULL && m < members->len; m++)
        g_print ("%s%s", m == 0 ? " [" : " ", (char *) g_ptr_array_index (members, m));
      g_print ("%s\n", members != NULL ? "]" : "");
    }
  for (guint i = 0; i < clauses->len; i++)
    print_clause (g_ptr_array_index (clauses, i), zh);
  print_checklist (policy, zh);
  return 0;
}

static int
command_facts (ShenbaoPolicySet *set,
               Options          *options)
{
  GPtrArray *facts = shenbao_policy_set_get_facts (set);
  g_autoptr(GPtrArray) policies = NULL;

  for (guint i = 0; i < facts->len; i++)
    {
      ShenbaoField *fact = g_ptr_array_index (facts, i);
      print_field (fact, shenbao_field_get_id (fact), options->chinese, "");
    }

  if (options->positional->len == 1)
    {
      ShenbaoPolicy *policy = find_policy (set, g_ptr_array_index (options->positional, 0));

      if (policy == NULL)
        return EXIT_USAGE;
      policies = g_ptr_array_new ();
      g_ptr_array_add (policies, policy);
    }
  else
    policies = shenbao_policy_set_get_policies (set);

  for (guint p = 0; p < policies->len; p++)
    {
      ShenbaoPolicy *policy = g_ptr_array_index (policies, p);
      GPtrArray *fields = shenbao_policy_get_fields (policy);
      GPtrArray *clauses = shenbao_policy_get_clauses (policy);

      for (guint i = 0; i < fields->len; i++)
        {
          ShenbaoField *field = g_ptr_array_index (fields, i);
          g_autofree char *name = g_strdup_printf ("%s/%s", shenbao_policy_get_id (policy),
                                                   shenbao_field_get_id (field));
          print_field (field, name, options->chinese, "");
        }
      for (guint c = 0; c < clauses->len; c++)
        {
          ShenbaoClause *clause = g_ptr_array_index (clauses, c);
          GPtrArray *clause_fields = shenbao_clause_get_fields (clause);

          for (guint i = 0; i < clause_fields->len; i++)
            {
              ShenbaoField *field = g_ptr_array_index (clause_fields, i);
              g_autofree char *name = g_strdup_printf ("%s/%s", shenbao_clause_get_full_id (clause),
                                                       shenbao_field_get_id (field));
              print_field (field, name, options->chinese, "");
            }
        }
    }
  return 0;
}

/* ------------------------------------------------------------------ validate */

/* The facts file is recognised by its root element and checked against facts.rng; the policies
 * given with it are then checked against those facts, so a fact removed from an edited
 * facts.xml shows up as an unknown name in every policy that still uses it. */
static int
command_validate (ShenbaoPolicySet *set,
                  Options          *options)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) policy_paths = g_ptr_array_new ();
  guint examples = 0;

  if (options->positional->len == 0)
    return usage ();

  for (guint i = 0; i < options->positional->len; i++)
    {
      const char *path = g_ptr_array_index (options->positional, i);
      GPtrArray *facts;

      if (!shenbao_policy_set_is_facts_file (path))
        {
          g_ptr_array_add (policy_paths, (gpointer) path);
          continue;
        }
      facts = shenbao_policy_set_read_facts_file (set, path, problems);
      if (facts != NULL)
        shenbao_policy_set_replace_facts (set, facts);
    }

  for (guint i = 0; i < policy_paths->len; i++)
    {
      const char *path = g_ptr_array_index (policy_paths, i);
      g_autoptr(ShenbaoPolicy) policy = shenbao_policy_set_read_file (set, path, problems);
      guint checked = 0;

      if (policy == NULL)
        continue;
      shenbao_engine_check_examples (set, policy, problems, &checked);
      examples += checked;
    }

  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (char *) g_ptr_array_index (problems, i));
  if (problems->len > 0)
    {
      g_printerr ("%u problem%s\n", problems->len, problems->len == 1 ? "" : "s");
      return EXIT_PROBLEMS;
    }
  g_print ("%u file%s valid, %u worked example%s correct\n", options->positional->len,
           options->positional->len == 1 ? "" : "s", examples, examples == 1 ? "" : "s");
  return 0;
}

/* ------------------------------------------------------------------ compute */

static gboolean
apply_settings (ShenbaoPolicySet *set,
                ShenbaoPolicy    *policy,
                Options          *options,
                ShenbaoInputs    *inputs)
{
  for (guint i = 0; i < options->settings->len; i++)
    {
      const char *setting = g_ptr_array_index (options->settings, i);
      const char *equals = strchr (setting, '=');
      g_autofree char *name = NULL;
      g_autofree char *key = NULL;
      g_autoptr(GError) error = NULL;
      ShenbaoField *field;
      ShenbaoValue *value;

      if (equals == NULL)
        {
          g_printerr ("shenbao-cli: --set “%s”: expected NAME=VALUE\n", setting);
          return FALSE;
        }
      name = g_strndup (setting, equals - setting);
      if (!shenbao_policy_set_resolve_name (set, policy, name, &key, &field, &error))
        {
          g_printerr ("shenbao-cli: --set %s: %s\n", name, error->message);
          return FALSE;
        }
      value = shenbao_field_parse_value (field, equals + 1, &error);
      if (value == NULL)
        {
          g_printerr ("shenbao-cli: --set %s: %s\n", name, error->message);
          return FALSE;
        }
      shenbao_inputs_take (inputs, key, value);
    }
  return TRUE;
}

static void
add_texts (JsonBuilder *builder,
           const char  *member,
           GPtrArray   *texts,
           gboolean     chinese)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < texts->len; i++)
    json_builder_add_string_value (builder, shenbao_text_get (g_ptr_array_index (texts, i), chinese));
  json_builder_end_array (builder);
}

static void
add_bilingual_texts (JsonBuilder *builder,
                     const char  *member,
                     GPtrArray   *texts)
{
  g_autofree char *zh = g_strdup_printf ("%s_zh", member);

  add_texts (builder, member, texts, FALSE);
  add_texts (builder, zh, texts, TRUE);
}

static void
add_strings (JsonBuilder *builder,
             const char  *member,
             GPtrArray   *strings)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

/* The worksheet in both languages, from the one renderer the app and the package use too. */
static void
add_worksheet (JsonBuilder *builder,
               const char  *member,
               GPtrArray   *(*lines) (const ShenbaoClauseResult *, gboolean, ShenbaoWorksheetFlags),
               ShenbaoClauseResult *result,
               ShenbaoWorksheetFlags flags)
{
  g_autofree char *zh = g_strdup_printf ("%s_zh", member);
  g_autoptr(GPtrArray) en_lines = lines (result, FALSE, flags);
  g_autoptr(GPtrArray) zh_lines = lines (result, TRUE, flags);

  add_strings (builder, member, en_lines);
  add_strings (builder, zh, zh_lines);
}

static void
add_alternatives (JsonBuilder         *builder,
                  ShenbaoClauseResult *result)
{
  json_builder_set_member_name (builder, "other_readings");
  json_builder_begin_array (builder);
  for (guint i = 0; result->alternatives != NULL && i < result->alternatives->len; i++)
    {
      ShenbaoWorkStep *step = g_ptr_array_index (result->alternatives, i);
      const ShenbaoText *reading = shenbao_flag_get_alternative_label (step->flag);
      g_autofree char *amount = shenbao_fen_to_string (shenbao_decimal_round_to_fen (step->after));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "flag");
      json_builder_add_string_value (builder, shenbao_flag_get_id (step->flag));
      json_builder_set_member_name (builder, "reading");
      json_builder_add_string_value (builder, reading->en);
      json_builder_set_member_name (builder, "reading_zh");
      json_builder_add_string_value (builder, reading->zh);
      json_builder_set_member_name (builder, "award");
      json_builder_add_string_value (builder, amount);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_amount (JsonBuilder *builder,
            const char  *member,
            gint64       fen)
{
  g_autofree char *text = shenbao_fen_to_string (fen);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

static void
add_clause_json (JsonBuilder         *builder,
                 ShenbaoClauseResult *result,
                 ShenbaoWorksheetFlags flags)
{
  ShenbaoClause *clause = result->clause;
  GPtrArray *clause_flags = shenbao_clause_get_flags (clause);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, shenbao_clause_get_full_id (clause));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, shenbao_clause_get_title (clause)->en);
  json_builder_set_member_name (builder, "title_zh");
  json_builder_add_string_value (builder, shenbao_clause_get_title (clause)->zh);
  json_builder_set_member_name (builder, "applies");
  json_builder_add_string_value (builder, shenbao_applicability_to_string (result->applies));
  json_builder_set_member_name (builder, "claimed");
  json_builder_add_boolean_value (builder, result->claimed);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, shenbao_award_kind_to_string (shenbao_clause_get_kind (clause)));
  json_builder_set_member_name (builder, "payment");
  json_builder_add_string_value (builder, shenbao_clause_get_payment (clause));
  json_builder_set_member_name (builder, "award");
  if (result->has_amount)
    {
      g_autofree char *award = shenbao_fen_to_string (result->payout_fen);
      json_builder_add_string_value (builder, award);
    }
  else
    json_builder_add_null_value (builder);
  if (result->has_cap)
    add_amount (builder, "cap", result->cap_fen);
  json_builder_set_member_name (builder, "dropped");
  json_builder_add_boolean_value (builder, result->dropped);
  add_bilingual_texts (builder, "unmet", result->unmet);
  json_builder_set_member_name (builder, "missing");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->missing->len; i++)
    json_builder_add_string_value (builder,
                                   shenbao_field_get_input_key (g_ptr_array_index (result->missing, i)));
  json_builder_end_array (builder);
  add_worksheet (builder, "explanation", shenbao_worksheet_step_lines, result, flags);
  add_alternatives (builder, result);
  json_builder_set_member_name (builder, "flags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < clause_flags->len; i++)
    {
      const ShenbaoFlag *flag = shenbao_policy_find_flag (shenbao_clause_get_policy (clause),
                                                          g_ptr_array_index (clause_flags, i));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, shenbao_flag_get_id (flag));
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, shenbao_flag_get_text (flag)->en);
      json_builder_set_member_name (builder, "text_zh");
      json_builder_add_string_value (builder, shenbao_flag_get_text (flag)->zh);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (result->error != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, result->error->message);
    }
  json_builder_end_object (builder);
}

static void
add_policy_json (JsonBuilder         *builder,
                 ShenbaoPolicyResult *result,
                 ShenbaoWorksheetFlags flags)
{
  g_autoptr(GPtrArray) notes_en = shenbao_worksheet_notes (result, FALSE);
  g_autoptr(GPtrArray) notes_zh = shenbao_worksheet_notes (result, TRUE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "policy");
  json_builder_add_string_value (builder, shenbao_policy_get_id (result->policy));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, shenbao_policy_get_title (result->policy)->zh);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, shenbao_validity_to_string (result->validity));
  if (result->days_to_expiry >= 0)
    {
      json_builder_set_member_name (builder, "days_to_expiry");
      json_builder_add_int_value (builder, result->days_to_expiry);
    }
  json_builder_set_member_name (builder, "location_fits");
  json_builder_add_boolean_value (builder, result->location_fits);
  add_strings (builder, "notes", notes_en);
  add_strings (builder, "notes_zh", notes_zh);

  json_builder_set_member_name (builder, "clauses");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->clauses->len; i++)
    add_clause_json (builder, g_ptr_array_index (result->clauses, i), flags);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "dropped");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->clauses->len; i++)
    {
      ShenbaoClauseResult *clause_result = g_ptr_array_index (result->clauses, i);

      if (!clause_result->dropped)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, shenbao_clause_get_full_id (clause_result->clause));
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, clause_result->dropped_reason.en);
      json_builder_set_member_name (builder, "reason_zh");
      json_builder_add_string_value (builder, clause_result->dropped_reason.zh);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "same_matter");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->questions->len; i++)
    {
      ShenbaoSameMatterQuestion *question = g_ptr_array_index (result->questions, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "clauses");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, shenbao_clause_get_id (question->a->clause));
      json_builder_add_string_value (builder, shenbao_clause_get_id (question->b->clause));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "rule");
      json_builder_add_string_value (builder, shenbao_rule_get_id (question->rule));
      json_builder_set_member_name (builder, "answer");
      json_builder_add_string_value (builder, question->certain ? "certain"
                                              : shenbao_same_matter_to_string (question->answer));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "assumes_same_matter");
  json_builder_add_boolean_value (builder, result->assumes_same);
  if (result->error != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, result->error->message);
    }

  add_amount (builder, "total", result->total_fen);
  add_amount (builder, "total_up_to", result->total_up_to_fen);
  json_builder_end_object (builder);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static gboolean
report_errors (ShenbaoPolicyResult *result)
{
  gboolean clean = TRUE;

  if (result->error != NULL)
    {
      g_printerr ("shenbao-cli: %s: %s\n", shenbao_policy_get_id (result->policy), result->error->message);
      clean = FALSE;
    }

  for (guint i = 0; i < result->clauses->len; i++)
    {
      ShenbaoClauseResult *clause_result = g_ptr_array_index (result->clauses, i);

      if (clause_result->error != NULL)
        {
          g_printerr ("shenbao-cli: %s: %s\n", shenbao_clause_get_full_id (clause_result->clause),
                      clause_result->error->message);
          clean = FALSE;
        }
    }
  return clean;
}

static gboolean
add_clause_ids (ShenbaoPolicy *policy,
                const char    *option,
                const char    *list,
                GPtrArray     *ids)
{
  g_auto(GStrv) parts = g_strsplit (list, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *id = g_strstrip (parts[i]);

      if (*id == '\0')
        continue;
      if (shenbao_policy_find_clause (policy, id) == NULL)
        {
          g_printerr ("shenbao-cli: %s: policy %s has no clause “%s”\n", option,
                      shenbao_policy_get_id (policy), id);
          return FALSE;
        }
      g_ptr_array_add (ids, g_strdup (id));
    }
  return TRUE;
}

/* --same A,B,C answers every pair among A, B and C; so does --distinct. */
static gboolean
add_answers (ShenbaoPolicy     *policy,
             const char        *option,
             GPtrArray         *lists,
             ShenbaoSameMatter  answer,
             ShenbaoClaim      *claim)
{
  for (guint l = 0; l < lists->len; l++)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

      if (!add_clause_ids (policy, option, g_ptr_array_index (lists, l), ids))
        return FALSE;
      if (ids->len < 2)
        {
          g_printerr ("shenbao-cli: %s: name at least two clauses, as in %s 8b,8c\n", option, option);
          return FALSE;
        }
      for (guint i = 0; i < ids->len; i++)
        for (guint j = i + 1; j < ids->len; j++)
          shenbao_claim_set_same_matter (claim, g_ptr_array_index (ids, i), g_ptr_array_index (ids, j), answer);
    }
  return TRUE;
}

/* Without --claim every clause is claimed. */
static ShenbaoClaim *
build_claim (ShenbaoPolicy *policy,
             Options       *options)
{
  g_autoptr(ShenbaoClaim) claim = options->claims->len > 0 ? shenbao_claim_new () : shenbao_claim_new_all ();

  for (guint l = 0; l < options->claims->len; l++)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

      if (!add_clause_ids (policy, "--claim", g_ptr_array_index (options->claims, l), ids))
        return NULL;
      for (guint i = 0; i < ids->len; i++)
        shenbao_claim_add_clause (claim, g_ptr_array_index (ids, i));
    }
  if (!add_answers (policy, "--same", options->same, SHENBAO_SAME_MATTER_SAME, claim)
      || !add_answers (policy, "--distinct", options->distinct, SHENBAO_SAME_MATTER_DISTINCT, claim))
    return NULL;
  return g_steal_pointer (&claim);
}

static int
compare_totals (gconstpointer a,
                gconstpointer b)
{
  const ShenbaoPolicyResult *ra = *(ShenbaoPolicyResult **) a;
  const ShenbaoPolicyResult *rb = *(ShenbaoPolicyResult **) b;

  if (ra->total_up_to_fen != rb->total_up_to_fen)
    return ra->total_up_to_fen > rb->total_up_to_fen ? -1 : 1;
  return g_strcmp0 (shenbao_policy_get_id (ra->policy), shenbao_policy_get_id (rb->policy));
}

static int
compute_all (ShenbaoPolicySet *set,
             Options          *options)
{
  g_autoptr(GPtrArray) headers = shenbao_policy_set_list_headers (set);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_policy_result_free);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(ShenbaoInputs) company = shenbao_inputs_new ();
  gboolean clean = TRUE;

  if (!apply_settings (set, NULL, options, company))
    return EXIT_USAGE;
  for (guint i = 0; i < headers->len; i++)
    {
      ShenbaoPolicy *policy = g_ptr_array_index (headers, i);
      g_autoptr(ShenbaoInputs) inputs = shenbao_inputs_new ();
      ShenbaoPolicyResult *result;

      /* A policy whose area cannot hold the company is never read. */
      if (!shenbao_policy_area_matches (policy, shenbao_inputs_get_registered_region (company)))
        continue;
      if ((policy = shenbao_policy_set_lookup (set, shenbao_policy_get_id (policy))) == NULL)
        continue;
      if (!apply_settings (set, NULL, options, inputs))
        return EXIT_USAGE;
      result = shenbao_engine_compute (set, policy, inputs, &options->as_of);
      clean &= report_errors (result);
      if (result->location_fits)
        g_ptr_array_add (results, result);
      else
        shenbao_policy_result_free (result);
    }
  g_ptr_array_sort (results, compare_totals);

  if (options->json)
    {
      json_builder_begin_array (builder);
      for (guint i = 0; i < results->len; i++)
        add_policy_json (builder, g_ptr_array_index (results, i),
                         options->formulas ? SHENBAO_WORKSHEET_FORMULAS : SHENBAO_WORKSHEET_DEFAULT);
      json_builder_end_array (builder);
      print_json (builder);
    }
  else
    {
      if (results->len == 0)
        g_print (options->chinese ? "没有与企业注册地相符的政策（请设置 registered_region 或 credit_code）\n"
                                  : "No policy fits the company's location (set registered_region or credit_code)\n");
      for (guint i = 0; i < results->len; i++)
        {
          ShenbaoPolicyResult *result = g_ptr_array_index (results, i);
          g_autofree char *total = shenbao_fen_format (result->total_fen);
          g_autofree char *up_to = shenbao_fen_format (result->total_up_to_fen);

          g_print ("%u. %-20s %-16s %s %18s   %s %18s   %s\n", i + 1,
                   shenbao_policy_get_id (result->policy),
                   validity_label (result->validity, options->chinese),
                   options->chinese ? "确定" : "exact", total, options->chinese ? "最高" : "up to", up_to,
                   shenbao_text_get (shenbao_policy_get_title (result->policy), options->chinese));
        }
    }
  return clean ? 0 : EXIT_USAGE;
}

static int
command_compute (ShenbaoPolicySet *set,
                 Options          *options)
{
  g_autoptr(ShenbaoInputs) inputs = shenbao_inputs_new ();
  g_autoptr(ShenbaoPolicyResult) result = NULL;
  g_autoptr(ShenbaoClaim) claim = NULL;
  ShenbaoPolicy *policy;

  if (options->all)
    {
      if (options->claims->len > 0 || options->same->len > 0 || options->distinct->len > 0)
        {
          g_printerr ("shenbao-cli: --claim, --same and --distinct name the clauses of one policy, not of --all\n");
          return EXIT_USAGE;
        }
      return options->positional->len == 0 ? compute_all (set, options) : usage ();
    }
  if (options->positional->len != 1)
    return usage ();

  policy = find_policy (set, g_ptr_array_index (options->positional, 0));
  if (policy == NULL)
    return EXIT_USAGE;
  if (!apply_settings (set, policy, options, inputs))
    return EXIT_USAGE;
  if ((claim = build_claim (policy, options)) == NULL)
    return EXIT_USAGE;

  result = shenbao_engine_compute_claim (set, policy, inputs, &options->as_of, claim, SHENBAO_COMPUTE_EXPLAIN);
  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      add_policy_json (builder, result, options->formulas ? SHENBAO_WORKSHEET_FORMULAS : SHENBAO_WORKSHEET_DEFAULT);
      print_json (builder);
    }
  else
    {
      g_autofree char *text = shenbao_worksheet_policy_text (result, options->chinese,
                                                             options->formulas ? SHENBAO_WORKSHEET_FORMULAS
                                                                               : SHENBAO_WORKSHEET_DEFAULT);
      g_print ("%s", text);
    }
  return report_errors (result) ? 0 : EXIT_USAGE;
}

static int
run_command (const char *command,
             Options    *options)
{
  g_autoptr(ShenbaoPolicySet) set = load_policies ();

  if (set == NULL)
    return EXIT_USAGE;
  if (g_str_equal (command, "list"))
    return command_list (set, options);
  if (g_str_equal (command, "show"))
    return command_show (set, options);
  if (g_str_equal (command, "facts"))
    return command_facts (set, options);
  if (g_str_equal (command, "validate"))
    return command_validate (set, options);
  if (g_str_equal (command, "compute"))
    return command_compute (set, options);
  if (g_str_equal (command, "package") || g_str_equal (command, "verify")
      || g_str_equal (command, "applications"))
    return run_package_command (set, command, options);
  return usage ();
}

int
main (int    argc,
      char **argv)
{
  Options options = { 0 };
  int status;

  setlocale (LC_ALL, "");
  if (argc < 2)
    return usage ();

  status = parse_options (argc, argv, &options) ? run_command (argv[1], &options) : EXIT_USAGE;

  g_ptr_array_unref (options.settings);
  g_ptr_array_unref (options.positional);
  g_ptr_array_unref (options.claims);
  g_ptr_array_unref (options.same);
  g_ptr_array_unref (options.distinct);
  g_ptr_array_unref (options.package.attachments);
  return status;
}
