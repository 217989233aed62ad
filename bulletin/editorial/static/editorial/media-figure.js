// The editor's image button opens one dialog for every way an image arrives:
// upload a file (or drop it on the dialog, or on the text), or pick one from the
// media library. Alt text is required unless the image is marked decorative; a
// caption is optional. The dialog's markup and words come from the page
// (<template id="image-dialog-template">), so they are translated like the rest.
import { Figure } from "django-prose-editor/editor"

const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"]

const csrfToken = () =>
  document.querySelector("input[name=csrfmiddlewaretoken]")?.value || ""

const postLanguage = () => document.getElementById("id_language")?.value || ""

// The image node under the selection: a selected figure or a selected image.
const selectedImage = (state) => {
  const node = state.selection.node
  if (node?.type.name === "image") return { node, pos: state.selection.from }
  if (node?.type.name === "figure" && node.firstChild?.type.name === "image") {
    return { node: node.firstChild, pos: state.selection.from + 1 }
  }
  return null
}

function openDialog(editor, options, { existing = null, droppedFile = null } = {}) {
  const template = document.getElementById("image-dialog-template")
  if (!template) return
  const dialog = template.content.firstElementChild.cloneNode(true)
  document.body.append(dialog)
  const $ = (name) => dialog.querySelector(`[data-part=${name}]`)
  const form = $("form")
  const fileInput = $("file")
  const search = $("search")
  const choices = $("choices")
  const alt = $("alt")
  const decorative = $("decorative")
  const caption = $("caption")
  const error = $("error")
  const status = $("status")
  const chosen = $("chosen")
  const texts = dialog.dataset
  let picked = null // {id, src, alt, title} of a library image

  if (existing) {
    dialog.classList.add("image-dialog--edit")
    $("title").textContent = texts.editTitle
    $("submit").textContent = texts.editSubmit
    alt.value = existing.node.attrs.alt || ""
    decorative.checked = !!existing.node.attrs.decorative
  }

  const showError = (message, field) => {
    error.textContent = message
    for (const el of [fileInput, alt]) el.removeAttribute("aria-invalid")
    if (field) {
      field.setAttribute("aria-invalid", "true")
      field.focus()
    }
  }

  const syncDecorative = () => {
    alt.disabled = decorative.checked
    alt.required = !decorative.checked
  }
  decorative.addEventListener("change", syncDecorative)
  syncDecorative()

  const showChosen = (text) => {
    chosen.textContent = text
  }

  const setFile = (file) => {
    if (!file) return
    if (!IMAGE_TYPES.includes(file.type)) {
      showError(texts.notImage, fileInput)
      return
    }
    const transfer = new DataTransfer()
    transfer.items.add(file)
    fileInput.files = transfer.files
    picked = null
    for (const radio of choices.querySelectorAll("input")) radio.checked = false
    showChosen(texts.chosenFile.replace("%s", file.name))
    error.textContent = ""
  }
  fileInput.addEventListener("change", () => setFile(fileInput.files[0]))

  const zone = $("drop")
  zone.addEventListener("dragover", (event) => {
    event.preventDefault()
    zone.classList.add("drop-zone--over")
  })
  zone.addEventListener("dragleave", () => zone.classList.remove("drop-zone--over"))
  zone.addEventListener("drop", (event) => {
    event.preventDefault()
    zone.classList.remove("drop-zone--over")
    setFile(event.dataTransfer.files[0])
  })

  let searchTimer = null
  const loadChoices = () => {
    const url = new URL(options.choicesUrl, window.location.href)
    url.searchParams.set("q", search.value)
    url.searchParams.set("language", postLanguage())
    fetch(url, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : { images: [] }))
      .then(({ images }) => {
        choices.replaceChildren()
        for (const image of images) {
          const id = `image-choice-${image.id}`
          const radio = Object.assign(document.createElement("input"), {
            type: "radio",
            name: "library-image",
            id,
            value: image.id,
          })
          const label = Object.assign(document.createElement("label"), {
            htmlFor: id,
            className: "image-choice",
          })
          const preview = Object.assign(document.createElement("img"), {
            src: image.thumb,
            alt: "",
            loading: "lazy",
          })
          label.append(preview, document.createTextNode(image.title))
          radio.addEventListener("change", () => {
            picked = image
            fileInput.value = ""
            if (!alt.value && image.alt) alt.value = image.alt
            showChosen(texts.chosenLibrary.replace("%s", image.title))
          })
          const item = document.createElement("li")
          item.append(radio, label)
          choices.append(item)
        }
        status.textContent = images.length
          ? texts.found.replace("%s", images.length)
          : texts.none
      })
      .catch(() => {
        status.textContent = texts.none
      })
  }
  if (existing) {
    $("sources").hidden = true
  } else {
    search.addEventListener("input", () => {
      clearTimeout(searchTimer)
      searchTimer = setTimeout(loadChoices, 300)
    })
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault()
        loadChoices()
      }
    })
    loadChoices()
  }

  const insert = (image) => {
    const attrs = {
      src: image.src,
      alt: decorative.checked ? "" : alt.value.trim(),
      file: String(image.id),
      decorative: decorative.checked,
    }
    const content = [{ type: "image", attrs }]
    if (caption.value.trim()) {
      content.push({
        type: "caption",
        content: [{ type: "text", text: caption.value.trim() }],
      })
    }
    editor.chain().focus().insertContent({ type: "figure", content }).run()
  }

  const upload = (file) => {
    const data = new FormData()
    data.append("file", file)
    data.append("alt", decorative.checked ? "" : alt.value.trim())
    data.append("language", postLanguage())
    status.textContent = texts.uploading
    return fetch(options.uploadUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    }).then((response) =>
      response
        .json()
        .catch(() => ({ error: texts.failed }))
        .then((body) => {
          if (!response.ok) throw new Error(body.error || texts.failed)
          return body
        }),
    )
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault()
    if (!decorative.checked && !alt.value.trim()) {
      showError(texts.altNeeded, alt)
      return
    }
    if (existing) {
      editor
        .chain()
        .focus()
        .setNodeSelection(existing.pos)
        .updateAttributes("image", {
          alt: decorative.checked ? "" : alt.value.trim(),
          decorative: decorative.checked,
        })
        .run()
      dialog.close()
      return
    }
    const file = fileInput.files[0]
    if (!file && !picked) {
      showError(texts.nothing, fileInput)
      return
    }
    const submit = $("submit")
    submit.disabled = true
    ;(file ? upload(file) : Promise.resolve(picked))
      .then((image) => {
        insert(image)
        dialog.close()
      })
      .catch((failure) => {
        status.textContent = ""
        showError(failure.message || texts.failed, file ? fileInput : null)
      })
      .finally(() => {
        submit.disabled = false
      })
  })
  $("cancel").addEventListener("click", () => dialog.close())
  dialog.addEventListener("close", () => {
    dialog.remove()
    editor.commands.focus()
  })
  dialog.showModal()
  if (droppedFile) setFile(droppedFile)
}

export const MediaFigure = Figure.extend({
  addOptions() {
    return { ...this.parent?.(), uploadUrl: "", choicesUrl: "" }
  },

  addGlobalAttributes() {
    return [
      {
        types: ["image"],
        attributes: {
          // An empty alt meant on purpose; the server lets such images be published.
          decorative: {
            default: false,
            parseHTML: (element) => element.hasAttribute("data-decorative"),
            renderHTML: (attributes) =>
              attributes.decorative ? { "data-decorative": "true" } : {},
          },
        },
      },
    ]
  },

  addCommands() {
    const options = this.options
    return {
      ...this.parent?.(),
      editImage:
        () =>
        ({ editor, state, dispatch }) => {
          if (!dispatch) return true
          openDialog(editor, options, { existing: selectedImage(state) })
          return true
        },
    }
  },

  onCreate() {
    // An image file dropped on the text opens the dialog with it, so alt text is
    // never skipped.
    const editor = this.editor
    const options = this.options
    editor.view.dom.addEventListener("drop", (event) => {
      const file = event.dataTransfer?.files?.[0]
      if (!file || !IMAGE_TYPES.includes(file.type)) return
      event.preventDefault()
      event.stopPropagation()
      openDialog(editor, options, { droppedFile: file })
    }, true)
  },
})
