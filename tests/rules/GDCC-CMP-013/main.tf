variable "root" {
  type = string
}

# SageMaker's default: root access Enabled
resource "aws_sagemaker_notebook_instance" "sm_default" {
  name          = "sm-default"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "sm_disabled" {
  name          = "sm-disabled"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
  root_access   = "Disabled"
}

resource "aws_sagemaker_notebook_instance" "sm_enabled" {
  name          = "sm-enabled"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
  root_access   = "Enabled"
}

resource "aws_sagemaker_notebook_instance" "sm_var" {
  name          = "sm-var"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
  root_access   = var.root
}

# Vertex AI Workbench's default: notebook-disable-root not set, root access on
resource "google_workbench_instance" "wb_default" {
  name     = "wb-default"
  location = "asia-southeast1-a"
}

resource "google_workbench_instance" "wb_disabled" {
  name     = "wb-disabled"
  location = "asia-southeast1-a"
  gce_setup {
    machine_type = "e2-standard-4"
    metadata = {
      notebook-disable-root = "true"
    }
  }
}

resource "google_workbench_instance" "wb_var" {
  name     = "wb-var"
  location = "asia-southeast1-a"
  gce_setup {
    metadata = {
      notebook-disable-root = var.root
    }
  }
}

# not a notebook: its users are the operating system's
resource "aws_instance" "vm" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
}
