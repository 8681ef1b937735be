/* vigie-category-chip.c — a category as a coloured chip with its name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-category-chip"

#include "config.h"

#include "vigie-category-chip.h"

#include <glib/gi18n.h>

const char *
vigie_category_chip_label (VigiePolicy *policy,
                           const char  *category_id)
{
  const VigieCategory *category = NULL;

  if (policy != NULL)
    category = vigie_policy_lookup_category (policy, category_id);
  if (category == NULL)
    return category_id;
  return vigie_category_get_label (category, vigie_policy_get_interface_language ());
}

GtkWidget *
vigie_category_chip_new (VigiePolicy *policy,
                         const char  *category_id)
{
  const VigieCategory *category = NULL;
  GtkWidget *chip;
  g_autofree char *severity = NULL;

  if (policy != NULL)
    category = vigie_policy_lookup_category (policy, category_id);

  chip = gtk_label_new (vigie_category_chip_label (policy, category_id));
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (chip, "category-chip");
  if (category != NULL)
    {
      severity = g_strdup_printf ("severity-%d", CLAMP (category->severity, 1, 5));
      gtk_widget_add_css_class (chip, severity);
      if (category->triage)
        gtk_widget_add_css_class (chip, "triage");
      gtk_widget_set_tooltip_text (chip, vigie_category_get_description (
                                     category, vigie_policy_get_interface_language ()));
    }
  return chip;
}

guint
vigie_category_chip_fill_box (GtkBox                    *box,
                              VigiePolicy               *policy,
                              const VigieClassification *classification)
{
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);

  if (classification == NULL || classification->flags == NULL)
    return 0;

  if (classification->urgent)
    {
      GtkWidget *urgent = gtk_label_new (C_("badge", "Urgent"));

      gtk_widget_set_valign (urgent, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (urgent, "urgent-badge");
      gtk_widget_set_tooltip_text (urgent, _("To be seen first: someone may be in danger"));
      gtk_box_append (box, urgent);
    }

  for (guint i = 0; i < classification->flags->len; i++)
    {
      const VigieFlag *flag = &g_array_index (classification->flags, VigieFlag, i);

      gtk_box_append (box, vigie_category_chip_new (policy, flag->category));
      n++;
    }
  return n;
}

const char *
vigie_category_chip_action_label (const char *action)
{
  if (g_strcmp0 (action, "keep") == 0)
    return C_("recommended action", "Keep");
  if (g_strcmp0 (action, "reply") == 0)
    return C_("recommended action", "Reply");
  if (g_strcmp0 (action, "hide") == 0)
    return C_("recommended action", "Hide");
  if (g_strcmp0 (action, "remove") == 0)
    return C_("recommended action", "Remove");
  if (g_strcmp0 (action, "escalate") == 0)
    return C_("recommended action", "Escalate to the director");
  if (g_strcmp0 (action, "ban") == 0)
    return C_("recommended action", "Ban the author");
  return C_("recommended action", "None");
}
