/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "shenbao-xml.h"

gboolean
shenbao_xml_is_element (xmlNode    *node,
                        const char *name)
{
  return node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, (const xmlChar *) name);
}

/* The first child element of that name, or NULL. */
xmlNode *
shenbao_xml_first_child (xmlNode    *parent,
                         const char *name)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    if (shenbao_xml_is_element (node, name))
      return node;
  return NULL;
}
